package org.pathwaysledger.events.student;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A work-based learning placement on the continuum (awareness to training), with its employer, dates and hours. */
@Revision("1")
public record WorkBasedLearningLogged(
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
        EventSource source) implements StudentEvent {
}
