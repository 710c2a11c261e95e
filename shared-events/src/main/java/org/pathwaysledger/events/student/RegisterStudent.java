package org.pathwaysledger.events.student;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.InvalidValueException;
import org.pathwaysledger.events.value.StudentId;
import org.pathwaysledger.events.value.StudentKey;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Register a student with a district, or update what the district says about an already registered student
 * from {@code effectiveDate} on. Sending the same facts again changes nothing.
 */
public record RegisterStudent(
        DistrictId districtId,
        StudentId studentId,
        StudentRegistration registration,
        LocalDate effectiveDate,
        EventSource source) {

    public RegisterStudent {
        Objects.requireNonNull(districtId, "districtId");
        Objects.requireNonNull(studentId, "studentId");
        Objects.requireNonNull(registration, "registration");
        if (effectiveDate == null) {
            throw new InvalidValueException("effective_date", null, "is required; use YYYY-MM-DD");
        }
        Objects.requireNonNull(source, "source");
    }

    @TargetAggregateIdentifier
    public StudentKey studentKey() {
        return new StudentKey(districtId, studentId);
    }
}
