package org.pathwaysledger.events.student;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.StudentId;

import java.time.LocalDate;

/**
 * What a district says about a registered student changed (school, grade, demographics...) from
 * {@code effectiveDate} on. It carries the whole new registration, so a reader never has to merge partial facts;
 * what held before stays in the log, so "as of entry" and "current" are both derivable.
 */
@Revision("1")
public record StudentDetailsChanged(
        DistrictId districtId,
        StudentId studentId,
        StudentRegistration registration,
        LocalDate effectiveDate,
        EventSource source) implements StudentEvent {
}
