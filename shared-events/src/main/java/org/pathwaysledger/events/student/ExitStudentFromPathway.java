package org.pathwaysledger.events.student;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.*;

import java.time.LocalDate;
import java.util.Objects;

/** Record that a student left a pathway. */
public record ExitStudentFromPathway(
        DistrictId districtId,
        StudentId studentId,
        PathwayId pathwayId,
        LocalDate exitDate,
        ExitReason exitReason,
        EventSource source) {

    public ExitStudentFromPathway {
        Objects.requireNonNull(districtId, "districtId");
        Objects.requireNonNull(studentId, "studentId");
        Objects.requireNonNull(source, "source");
        Checks.required("pathway_id", pathwayId);
        Checks.required("exit_date", exitDate);
        Checks.required("exit_reason", exitReason);
    }

    @TargetAggregateIdentifier
    public StudentKey studentKey() {
        return new StudentKey(districtId, studentId);
    }
}
