package org.pathwaysledger.events.student;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.InvalidValueException;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.SchoolId;
import org.pathwaysledger.events.value.StudentId;
import org.pathwaysledger.events.value.StudentKey;

import java.time.LocalDate;
import java.util.Objects;

/** Enrol a registered student in one of the region's pathways at a school, from {@code entryDate}. */
public record EnrollStudentInPathway(
        DistrictId districtId,
        StudentId studentId,
        PathwayId pathwayId,
        SchoolId schoolId,
        LocalDate entryDate,
        EventSource source) {

    public EnrollStudentInPathway {
        Objects.requireNonNull(districtId, "districtId");
        Objects.requireNonNull(studentId, "studentId");
        if (pathwayId == null) {
            throw new InvalidValueException("pathway_id", null, "is required");
        }
        if (schoolId == null) {
            throw new InvalidValueException("school_id", null, "is required");
        }
        if (entryDate == null) {
            throw new InvalidValueException("entry_date", null, "is required; use YYYY-MM-DD");
        }
        Objects.requireNonNull(source, "source");
    }

    @TargetAggregateIdentifier
    public StudentKey studentKey() {
        return new StudentKey(districtId, studentId);
    }
}
