package org.pathwaysledger.events.student;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;

import java.time.LocalDate;

/** A student left a pathway on {@code exitDate}, for a reason; a later enrolment is a re-entry. */
@Revision("1")
public record StudentExitedPathway(
        DistrictId districtId,
        StudentId studentId,
        PathwayId pathwayId,
        LocalDate exitDate,
        ExitReason exitReason,
        EventSource source) implements StudentEvent {
}
