package org.pathwaysledger.events.student;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;

import java.time.LocalDate;

/** A student completed high school: diploma, equivalency or certificate of completion. */
@Revision("1")
public record HighSchoolCompleted(
        DistrictId districtId,
        StudentId studentId,
        Milestone completion,
        LocalDate completedOn,
        String detail,
        EventSource source) implements StudentEvent {
}
