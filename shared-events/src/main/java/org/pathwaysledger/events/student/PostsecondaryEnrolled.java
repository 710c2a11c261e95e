package org.pathwaysledger.events.student;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;

import java.time.LocalDate;

/** A student enrolled in postsecondary education or training. */
@Revision("1")
public record PostsecondaryEnrolled(
        DistrictId districtId,
        StudentId studentId,
        String institutionId,
        LocalDate enrolledOn,
        String detail,
        EventSource source) implements StudentEvent {
}
