package org.pathwaysledger.events.student;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;

import java.time.LocalDate;

/** A student earned a postsecondary credential (certificate, degree). */
@Revision("1")
public record PostsecondaryCredentialEarned(
        DistrictId districtId,
        StudentId studentId,
        String institutionId,
        LocalDate earnedOn,
        String detail,
        EventSource source) implements StudentEvent {
}
