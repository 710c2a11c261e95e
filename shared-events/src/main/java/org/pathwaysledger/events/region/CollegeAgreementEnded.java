package org.pathwaysledger.events.region;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;

import java.time.LocalDate;

/** A district-college agreement ended early; credit for terms after {@code endedOn} is no longer covered. */
@Revision("1")
public record CollegeAgreementEnded(
        RegionId regionId,
        AgreementId agreementId,
        LocalDate endedOn,
        String reason,
        EventSource source) implements RegionEvent {
}
