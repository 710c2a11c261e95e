package org.pathwaysledger.events.student;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.*;

import java.time.LocalDate;
import java.util.Objects;

/** Correct what was recorded about the student from a date (a FERPA amendment), giving the reason. */
public record CorrectStudentRecord(
        DistrictId districtId,
        StudentId studentId,
        StudentRegistration registration,
        LocalDate effectiveDate,
        String reason,
        EventSource source) {

    public CorrectStudentRecord {
        Objects.requireNonNull(districtId, "districtId");
        Objects.requireNonNull(studentId, "studentId");
        Objects.requireNonNull(source, "source");
        Checks.required("registration", registration);
        Checks.required("effective_date", effectiveDate);
        Checks.reason(reason);
    }

    @TargetAggregateIdentifier
    public StudentKey studentKey() {
        return new StudentKey(districtId, studentId);
    }
}
