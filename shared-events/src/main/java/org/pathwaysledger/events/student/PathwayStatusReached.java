package org.pathwaysledger.events.student;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;

import java.time.LocalDate;

/** A student became a participant, concentrator or completer of a pathway: derived by the ledger from the region's rule, or asserted by the district (with the rule it applied). */
@Revision("1")
public record PathwayStatusReached(
        DistrictId districtId,
        StudentId studentId,
        PathwayId pathwayId,
        PathwayStatus status,
        LocalDate reachedOn,
        boolean derived,
        CompletionRule rule,
        EventSource source) implements StudentEvent {
}
