package org.pathwaysledger.events.student;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** Log a work-based learning placement. */
public record LogWorkBasedLearning(
        DistrictId districtId,
        StudentId studentId,
        PlacementId placementId,
        WblActivityType activityType,
        ContinuumStage continuumStage,
        String employerId,
        String employerName,
        String sector,
        LocalDate startDate,
        LocalDate endDate,
        BigDecimal hours,
        boolean paid,
        String calpadsWblType,
        String employerEvaluation,
        EventSource source) {

    public LogWorkBasedLearning {
        Objects.requireNonNull(districtId, "districtId");
        Objects.requireNonNull(studentId, "studentId");
        Objects.requireNonNull(source, "source");
        Checks.required("placement_id", placementId);
        Checks.required("activity_type", activityType);
        Checks.required("start_date", startDate);
        if (endDate != null && endDate.isBefore(startDate)) {
            throw new InvalidValueException("end_date", endDate.toString(), "is before start_date " + startDate + "; a placement cannot end before it starts");
        }
    }

    @TargetAggregateIdentifier
    public StudentKey studentKey() {
        return new StudentKey(districtId, studentId);
    }
}
