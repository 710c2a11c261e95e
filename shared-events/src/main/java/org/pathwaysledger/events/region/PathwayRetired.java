package org.pathwaysledger.events.region;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;

import java.time.LocalDate;

/** The region retired a pathway: no new enrolments from {@code retiredOn}; its history stays. */
@Revision("1")
public record PathwayRetired(
        RegionId regionId,
        PathwayId pathwayId,
        LocalDate retiredOn,
        String reason,
        EventSource source) implements RegionEvent {
}
