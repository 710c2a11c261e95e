package org.pathwaysledger.events.student;

import org.pathwaysledger.events.value.Demographics;
import org.pathwaysledger.events.value.GradeLevel;
import org.pathwaysledger.events.value.InvalidValueException;
import org.pathwaysledger.events.value.SchoolId;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a district says about a student at a point in time: the student's school, grade, grade-9 cohort and
 * demographics. Registration and every later change carry one of these, with the date it holds from.
 * {@code identityMatchKey} is a one-way hash of name and birth date for linking one person's records across
 * systems (never the names themselves); it is absent where the district sent no names.
 */
public record StudentRegistration(
        String stateStudentId,
        LocalDate birthDate,
        SchoolId schoolId,
        GradeLevel gradeLevel,
        Integer cohortYear,
        Demographics demographics,
        String identityMatchKey) {

    private static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

    public StudentRegistration(String stateStudentId, LocalDate birthDate, SchoolId schoolId, GradeLevel gradeLevel,
                               Integer cohortYear, Demographics demographics) {
        this(stateStudentId, birthDate, schoolId, gradeLevel, cohortYear, demographics, null);
    }

    public StudentRegistration {
        if (birthDate == null) {
            throw new InvalidValueException("birth_date", null, "is required; use YYYY-MM-DD");
        }
        if (birthDate.isBefore(EARLIEST_BIRTH_DATE) || birthDate.isAfter(LocalDate.now())) {
            throw new InvalidValueException("birth_date", birthDate.toString(), "is not a plausible birth date; use YYYY-MM-DD between 1900-01-01 and today");
        }
        if (schoolId == null) {
            throw new InvalidValueException("school_id", null, "is required");
        }
        if (gradeLevel == null) {
            throw new InvalidValueException("grade_level", null, "is required; use KG, 01 to 12, or AD for adult education");
        }
        if (cohortYear != null && (cohortYear < 1950 || cohortYear > 2100)) {
            throw new InvalidValueException("cohort_year", cohortYear.toString(), "is not a plausible grade-9 entry year; use a 4-digit year such as 2025");
        }
        if (stateStudentId != null && (stateStudentId.isBlank() || stateStudentId.length() > 64)) {
            throw new InvalidValueException("state_student_id", stateStudentId.length() > 64 ? stateStudentId.substring(0, 61) + "..." : stateStudentId,
                    "must be 1 to 64 characters, or left empty");
        }
        Objects.requireNonNull(demographics, "demographics");
    }

    /** The same facts with the grade-9 cohort filled in from the grade where the district did not give it. */
    public StudentRegistration withDerivedCohortYear(LocalDate asOf) {
        if (cohortYear != null) {
            return this;
        }
        return new StudentRegistration(stateStudentId, birthDate, schoolId, gradeLevel, gradeLevel.grade9EntryYear(asOf), demographics, identityMatchKey);
    }
}
