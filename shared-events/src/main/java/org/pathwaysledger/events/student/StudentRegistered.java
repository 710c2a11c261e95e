package org.pathwaysledger.events.student;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.StudentId;

import java.time.LocalDate;

/** A district registered a student; the registration holds from {@code effectiveDate}. */
@Revision("1")
public record StudentRegistered(
        DistrictId districtId,
        StudentId studentId,
        StudentRegistration registration,
        LocalDate effectiveDate,
        EventSource source) implements StudentEvent {
}
