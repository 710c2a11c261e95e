package org.pathwaysledger.events.student;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.SchoolId;
import org.pathwaysledger.events.value.StudentId;

import java.time.LocalDate;

/** A student entered a pathway at a school on {@code entryDate}. */
@Revision("1")
public record StudentEnrolledInPathway(
        DistrictId districtId,
        StudentId studentId,
        PathwayId pathwayId,
        SchoolId schoolId,
        LocalDate entryDate,
        EventSource source) implements StudentEvent {
}
