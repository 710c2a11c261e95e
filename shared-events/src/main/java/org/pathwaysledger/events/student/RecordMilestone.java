package org.pathwaysledger.events.student;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** Record an outcome: high-school completion, postsecondary enrolment or credential, or a quarter of employment. */
public record RecordMilestone(
        DistrictId districtId,
        StudentId studentId,
        Milestone milestone,
        LocalDate date,
        String institutionId,
        String detail,
        YearQuarter yearQuarter,
        BigDecimal quarterlyWage,
        EventSource source) {

    public RecordMilestone {
        Objects.requireNonNull(districtId, "districtId");
        Objects.requireNonNull(studentId, "studentId");
        Objects.requireNonNull(source, "source");
        Checks.required("milestone", milestone);
        Checks.required("date", date);
        if (milestone == Milestone.EMPLOYED) {
            Checks.required("year_quarter", yearQuarter);
            Checks.required("quarterly_wage", quarterlyWage);
        }
    }

    @TargetAggregateIdentifier
    public StudentKey studentKey() {
        return new StudentKey(districtId, studentId);
    }
}
