package org.pathwaysledger.command.student;

import com.fasterxml.jackson.databind.JsonNode;
import org.pathwaysledger.command.identity.IdentityMatchKey;
import org.pathwaysledger.command.web.FieldReader;
import org.pathwaysledger.events.value.Codes;
import org.pathwaysledger.events.student.EnrollStudentInPathway;
import org.pathwaysledger.events.student.RegisterStudent;
import org.pathwaysledger.events.student.StudentRegistration;
import org.pathwaysledger.events.value.Demographics;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.Flag;
import org.pathwaysledger.events.value.GradeLevel;
import org.pathwaysledger.events.value.InvalidValueException;
import org.pathwaysledger.events.value.IsoDate;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.RaceCode;
import org.pathwaysledger.events.value.SchoolId;
import org.pathwaysledger.events.value.Sex;
import org.pathwaysledger.events.value.StudentId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns REST request bodies (field names as in the import format's columns) into commands. */
public final class StudentRequests {

    static final Set<String> REGISTRATION_FIELDS = Set.of(
            "state_student_id", "birth_date", "school_id", "grade_level", "cohort_year", "sex", "hispanic", "races",
            "english_learner", "disability", "economically_disadvantaged", "foster", "homeless", "migrant",
            "military_connected", "single_parent", "effective_date", "first_name", "last_name");

    static final Set<String> ENROLLMENT_FIELDS = Set.of("pathway_id", "school_id", "entry_date");

    private StudentRequests() {
    }

    public static RegisterStudent registration(DistrictId district, StudentId student, JsonNode body, EventSource source, LocalDate today) {
        FieldReader fields = new FieldReader(body, REGISTRATION_FIELDS);
        LocalDate birthDate = fields.read("birth_date", value -> IsoDate.required("birth_date", value));
        SchoolId school = fields.read("school_id", value -> value == null ? missing("school_id") : SchoolId.of(value));
        GradeLevel grade = fields.read("grade_level", value -> GradeLevel.parse("grade_level", value));
        Integer cohortYear = fields.read("cohort_year", StudentRequests::cohortYear);
        Sex sex = fields.read("sex", value -> Sex.parse("sex", value));
        Boolean hispanic = fields.read("hispanic", value -> {
            Boolean flag = Flag.parse("hispanic", value);
            return flag == null ? missing("hispanic") : flag;
        });
        List<RaceCode> races = new ArrayList<>();
        for (String code : fields.list("races")) {
            RaceCode race = fields.attempt(() -> RaceCode.parse("races", code));
            if (race != null) {
                races.add(race);
            }
        }
        boolean englishLearner = flag(fields, "english_learner");
        boolean disability = flag(fields, "disability");
        boolean economicallyDisadvantaged = flag(fields, "economically_disadvantaged");
        boolean foster = flag(fields, "foster");
        boolean homeless = flag(fields, "homeless");
        boolean migrant = flag(fields, "migrant");
        boolean militaryConnected = flag(fields, "military_connected");
        boolean singleParent = flag(fields, "single_parent");
        LocalDate effectiveDate = fields.read("effective_date", value -> IsoDate.parse("effective_date", value));
        String stateStudentId = fields.text("state_student_id");
        String firstName = fields.read("first_name", value -> Codes.text("first_name", value, 100));
        String lastName = fields.read("last_name", value -> Codes.text("last_name", value, 100));
        fields.complete();

        StudentRegistration registration = fields.attempt(() -> new StudentRegistration(
                stateStudentId == null || stateStudentId.isBlank() ? null : stateStudentId.trim(),
                birthDate, school, grade, cohortYear,
                new Demographics(sex, hispanic, races, englishLearner, disability, economicallyDisadvantaged,
                        foster, homeless, migrant, militaryConnected, singleParent),
                IdentityMatchKey.ofNameAndBirthDate(firstName, lastName, birthDate)));
        fields.complete();
        return new RegisterStudent(district, student, registration, effectiveDate == null ? today : effectiveDate, source);
    }

    public static EnrollStudentInPathway enrollment(DistrictId district, StudentId student, JsonNode body, EventSource source) {
        FieldReader fields = new FieldReader(body, ENROLLMENT_FIELDS);
        PathwayId pathway = fields.read("pathway_id", value -> value == null ? missing("pathway_id") : PathwayId.of(value));
        SchoolId school = fields.read("school_id", value -> value == null ? missing("school_id") : SchoolId.of(value));
        LocalDate entryDate = fields.read("entry_date", value -> IsoDate.required("entry_date", value));
        fields.complete();
        return new EnrollStudentInPathway(district, student, pathway, school, entryDate, source);
    }

    private static boolean flag(FieldReader fields, String field) {
        Boolean value = fields.read(field, text -> Flag.parse(field, text));
        return Boolean.TRUE.equals(value);
    }

    private static Integer cohortYear(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.trim().matches("\\d{4}")) {
            throw new InvalidValueException("cohort_year", value.length() > 40 ? value.substring(0, 40) + "..." : value,
                    "is not a year; use the 4-digit year the student entered grade 9, e.g. 2024");
        }
        return Integer.parseInt(value.trim());
    }

    private static <T> T missing(String field) {
        throw new InvalidValueException(field, null, "is required");
    }
}
