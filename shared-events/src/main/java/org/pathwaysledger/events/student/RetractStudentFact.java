package org.pathwaysledger.events.student;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.*;

import java.util.Objects;

/** Withdraw a wrongly reported fact of the student's journey (by its sequence number), giving the reason. */
public record RetractStudentFact(
        DistrictId districtId,
        StudentId studentId,
        long sequence,
        String reason,
        EventSource source) {

    public RetractStudentFact {
        Objects.requireNonNull(districtId, "districtId");
        Objects.requireNonNull(studentId, "studentId");
        Objects.requireNonNull(source, "source");
        if (sequence < 1) {
            throw new InvalidValueException("sequence", String.valueOf(sequence), "is not a fact of the journey; use the sequence number shown in the journey timeline (registration, 0, cannot be withdrawn)");
        }
        Checks.reason(reason);
    }

    @TargetAggregateIdentifier
    public StudentKey studentKey() {
        return new StudentKey(districtId, studentId);
    }
}
