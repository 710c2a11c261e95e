package org.pathwaysledger.events.student;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;

import java.time.LocalDate;

/** What was recorded for the student from {@code effectiveDate} was wrong and is replaced (a FERPA amendment); the wrong record stays in the log. */
@Revision("1")
public record StudentRecordCorrected(
        DistrictId districtId,
        StudentId studentId,
        StudentRegistration registration,
        LocalDate effectiveDate,
        String reason,
        EventSource source) implements StudentEvent {
}
