package org.pathwaysledger.command.student;

import com.fasterxml.jackson.databind.JsonNode;
import org.pathwaysledger.command.web.FieldReader;
import org.pathwaysledger.events.student.AssertPathwayStatus;
import org.pathwaysledger.events.student.AwardCollegeCredit;
import org.pathwaysledger.events.student.CorrectStudentRecord;
import org.pathwaysledger.events.student.ExitStudentFromPathway;
import org.pathwaysledger.events.student.LogWorkBasedLearning;
import org.pathwaysledger.events.student.RecordCourseCompletion;
import org.pathwaysledger.events.student.RecordIndustryCredential;
import org.pathwaysledger.events.student.RecordMilestone;
import org.pathwaysledger.events.student.RegisterStudent;
import org.pathwaysledger.events.student.RetractStudentFact;
import org.pathwaysledger.events.value.Checks;
import org.pathwaysledger.events.value.CollegeCreditType;
import org.pathwaysledger.events.value.CollegeId;
import org.pathwaysledger.events.value.Codes;
import org.pathwaysledger.events.value.CompletionRule;
import org.pathwaysledger.events.value.ContinuumStage;
import org.pathwaysledger.events.value.CourseId;
import org.pathwaysledger.events.value.CourseRole;
import org.pathwaysledger.events.value.CredentialId;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.ExitReason;
import org.pathwaysledger.events.value.Flag;
import org.pathwaysledger.events.value.GradeLevel;
import org.pathwaysledger.events.value.InvalidValueException;
import org.pathwaysledger.events.value.IsoDate;
import org.pathwaysledger.events.value.Mark;
import org.pathwaysledger.events.value.Milestone;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.PathwayStatus;
import org.pathwaysledger.events.value.PlacementId;
import org.pathwaysledger.events.value.SchoolYear;
import org.pathwaysledger.events.value.StudentId;
import org.pathwaysledger.events.value.WblActivityType;
import org.pathwaysledger.events.value.YearQuarter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * Turns request bodies for a student's journey facts into commands. Field names and codes are the import format's
 * columns (IMPORT-FORMAT.md), so a district's clerk meets one vocabulary in files and in the API.
 */
public final class StudentFactRequests {

    static final BigDecimal MAX_HOURS = BigDecimal.valueOf(5_000);
    static final BigDecimal MAX_CREDITS = BigDecimal.valueOf(30);
    static final BigDecimal MAX_QUARTERLY_WAGE = BigDecimal.valueOf(10_000_000);

    static final Set<String> EXIT_FIELDS = Set.of("pathway_id", "exit_date", "exit_reason");
    static final Set<String> COURSE_FIELDS = Set.of("course_id", "school_year", "term", "course_title", "grade_level", "pathway_id",
            "course_role", "cte", "credits_attempted", "credits_earned", "hours", "mark", "college_credit_type", "college_id",
            "college_course_id", "college_credits", "transferable");
    static final Set<String> CREDIT_FIELDS = Set.of("college_credit_type", "college_id", "college_course_id", "college_credits",
            "school_year", "term", "transferable", "course_id");
    static final Set<String> WBL_FIELDS = Set.of("placement_id", "activity_type", "start_date", "continuum_stage", "employer_id",
            "employer_name", "sector", "end_date", "hours", "paid", "calpads_wbl_type", "employer_evaluation");
    static final Set<String> CREDENTIAL_FIELDS = Set.of("credential_id", "earned_date", "credential_name", "issuer", "industry_recognized");
    static final Set<String> STATUS_FIELDS = Set.of("pathway_id", "status", "reached_on", "rule");
    static final Set<String> MILESTONE_FIELDS = Set.of("milestone", "date", "institution_id", "detail", "year_quarter", "quarterly_wage");
    static final Set<String> RETRACTION_FIELDS = Set.of("sequence", "reason");

    private StudentFactRequests() {
    }

    public static ExitStudentFromPathway exit(DistrictId district, StudentId student, JsonNode body, EventSource source) {
        FieldReader fields = new FieldReader(body, EXIT_FIELDS);
        PathwayId pathway = fields.read("pathway_id", value -> required("pathway_id", value, PathwayId::of));
        LocalDate exitDate = fields.read("exit_date", value -> IsoDate.required("exit_date", value));
        ExitReason reason = fields.read("exit_reason", value -> Codes.required("exit_reason", value, ExitReason.class, "an exit reason"));
        fields.complete();
        return new ExitStudentFromPathway(district, student, pathway, exitDate, reason, source);
    }

    /** A course row; when it carries college credit, the credit is a second command (AwardCollegeCredit). */
    public static RecordCourseCompletion course(DistrictId district, StudentId student, JsonNode body, EventSource source) {
        FieldReader fields = new FieldReader(body, COURSE_FIELDS);
        CourseId course = fields.read("course_id", value -> required("course_id", value, CourseId::of));
        SchoolYear schoolYear = fields.read("school_year", value -> SchoolYear.parse("school_year", value));
        String term = fields.read("term", value -> requiredText("term", value, 20));
        String title = fields.read("course_title", value -> Codes.text("course_title", value, 200));
        GradeLevel grade = fields.read("grade_level", value -> value == null || value.isBlank() ? null : GradeLevel.parse("grade_level", value));
        PathwayId pathway = fields.read("pathway_id", value -> value == null || value.isBlank() ? null : PathwayId.of(value));
        CourseRole role = fields.read("course_role", value -> CourseRole.parse("course_role", value));
        boolean cte = Boolean.TRUE.equals(fields.read("cte", value -> Flag.parse("cte", value)));
        BigDecimal attempted = fields.read("credits_attempted", value -> Codes.nonNegative("credits_attempted", value, MAX_CREDITS));
        BigDecimal earned = fields.read("credits_earned", value -> Codes.nonNegative("credits_earned", value, MAX_CREDITS));
        BigDecimal hours = fields.read("hours", value -> Codes.nonNegative("hours", value, MAX_HOURS));
        Mark mark = fields.read("mark", value -> Mark.parse("mark", value));
        fields.complete();
        return new RecordCourseCompletion(district, student, course, title, schoolYear, term, grade, pathway, role, cte,
                attempted, earned, hours, mark, source);
    }

    /** The college credit of a course row, if the row carries any. */
    public static Optional<AwardCollegeCredit> creditOfCourse(DistrictId district, StudentId student, JsonNode body, EventSource source) {
        JsonNode type = body.get("college_credit_type");
        if (type == null || type.isNull() || type.asText().isBlank() || type.asText().trim().equalsIgnoreCase("NONE")) {
            return Optional.empty();
        }
        return Optional.of(credit(district, student, body, source, COURSE_FIELDS));
    }

    public static AwardCollegeCredit credit(DistrictId district, StudentId student, JsonNode body, EventSource source, Set<String> accepted) {
        FieldReader fields = new FieldReader(body, accepted);
        CollegeCreditType type = fields.read("college_credit_type", value -> Codes.required("college_credit_type", value, CollegeCreditType.class, "a college credit type"));
        CollegeId college = fields.read("college_id", value -> required("college_id", value, CollegeId::of));
        String collegeCourse = fields.read("college_course_id", value -> requiredText("college_course_id", value, 64));
        BigDecimal credits = fields.read("college_credits", value -> {
            BigDecimal number = Codes.nonNegative("college_credits", value, MAX_CREDITS);
            if (number == null || number.signum() == 0) {
                throw new InvalidValueException("college_credits", value, "is required with college credit and must be more than 0");
            }
            return number;
        });
        SchoolYear schoolYear = fields.read("school_year", value -> SchoolYear.parse("school_year", value));
        String term = fields.read("term", value -> requiredText("term", value, 20));
        boolean transferable = Boolean.TRUE.equals(fields.read("transferable", value -> Flag.parse("transferable", value)));
        CourseId highSchoolCourse = fields.read("course_id", value -> value == null || value.isBlank() ? null : CourseId.of(value));
        fields.complete();
        return fields.build(() -> new AwardCollegeCredit(district, student, type, college, collegeCourse, credits, schoolYear, term,
                transferable, highSchoolCourse, source));
    }

    public static AwardCollegeCredit credit(DistrictId district, StudentId student, JsonNode body, EventSource source) {
        return credit(district, student, body, source, CREDIT_FIELDS);
    }

    public static LogWorkBasedLearning workBasedLearning(DistrictId district, StudentId student, JsonNode body, EventSource source) {
        FieldReader fields = new FieldReader(body, WBL_FIELDS);
        PlacementId placement = fields.read("placement_id", value -> required("placement_id", value, PlacementId::of));
        WblActivityType activity = fields.read("activity_type", value -> WblActivityType.parse("activity_type", value));
        LocalDate start = fields.read("start_date", value -> IsoDate.required("start_date", value));
        ContinuumStage stage = fields.read("continuum_stage", value -> ContinuumStage.parse("continuum_stage", value));
        String employerId = fields.read("employer_id", value -> Codes.text("employer_id", value, 64));
        String employerName = fields.read("employer_name", value -> Codes.text("employer_name", value, 200));
        String sector = fields.read("sector", value -> Codes.text("sector", value, 100));
        LocalDate end = fields.read("end_date", value -> IsoDate.parse("end_date", value));
        BigDecimal hours = fields.read("hours", value -> Codes.nonNegative("hours", value, MAX_HOURS));
        boolean paid = Boolean.TRUE.equals(fields.read("paid", value -> Flag.parse("paid", value)));
        String wblType = fields.read("calpads_wbl_type", value -> Codes.text("calpads_wbl_type", value, 10));
        String evaluation = fields.read("employer_evaluation", value -> Codes.text("employer_evaluation", value, 1000));
        fields.complete();
        return fields.build(() -> new LogWorkBasedLearning(district, student, placement, activity, stage, employerId, employerName,
                sector, start, end, hours, paid, wblType, evaluation, source));
    }

    public static RecordIndustryCredential credential(DistrictId district, StudentId student, JsonNode body, EventSource source) {
        FieldReader fields = new FieldReader(body, CREDENTIAL_FIELDS);
        CredentialId credential = fields.read("credential_id", value -> required("credential_id", value, CredentialId::of));
        LocalDate earned = fields.read("earned_date", value -> IsoDate.required("earned_date", value));
        String name = fields.read("credential_name", value -> Codes.text("credential_name", value, 200));
        String issuer = fields.read("issuer", value -> Codes.text("issuer", value, 200));
        boolean recognized = Boolean.TRUE.equals(fields.read("industry_recognized", value -> Flag.parse("industry_recognized", value)));
        fields.complete();
        return new RecordIndustryCredential(district, student, credential, name, issuer, recognized, earned, source);
    }

    public static AssertPathwayStatus status(DistrictId district, StudentId student, JsonNode body, EventSource source) {
        FieldReader fields = new FieldReader(body, STATUS_FIELDS);
        PathwayId pathway = fields.read("pathway_id", value -> required("pathway_id", value, PathwayId::of));
        PathwayStatus status = fields.read("status", value -> PathwayStatus.parse("status", value));
        LocalDate reachedOn = fields.read("reached_on", value -> IsoDate.required("reached_on", value));
        CompletionRule rule = fields.read("rule", value -> CompletionRule.parse("rule", value));
        fields.complete();
        return new AssertPathwayStatus(district, student, pathway, status, reachedOn, rule, source);
    }

    public static RecordMilestone milestone(DistrictId district, StudentId student, JsonNode body, EventSource source) {
        FieldReader fields = new FieldReader(body, MILESTONE_FIELDS);
        Milestone milestone = fields.read("milestone", value -> Milestone.parse("milestone", value));
        LocalDate date = fields.read("date", value -> IsoDate.required("date", value));
        String institution = fields.read("institution_id", value -> Codes.text("institution_id", value, 64));
        String detail = fields.read("detail", value -> Codes.text("detail", value, 200));
        YearQuarter quarter = fields.read("year_quarter", value -> value == null || value.isBlank() ? null : YearQuarter.parse("year_quarter", value));
        BigDecimal wage = fields.read("quarterly_wage", value -> Codes.nonNegative("quarterly_wage", value, MAX_QUARTERLY_WAGE));
        fields.complete();
        return fields.build(() -> new RecordMilestone(district, student, milestone, date, institution, detail, quarter, wage, source));
    }

    public static CorrectStudentRecord correction(DistrictId district, StudentId student, JsonNode body, EventSource source, LocalDate today) {
        String reason = body != null && body.hasNonNull("reason") ? body.get("reason").asText() : null;
        JsonNode registrationFields = body == null ? null : body.deepCopy();
        if (registrationFields != null && registrationFields.isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) registrationFields).remove("reason");
        }
        RegisterStudent corrected = StudentRequests.registration(district, student, registrationFields, source, today);
        try {
            return new CorrectStudentRecord(district, student, corrected.registration(), corrected.effectiveDate(), reason, source);
        } catch (InvalidValueException e) {
            throw new org.pathwaysledger.command.web.InvalidRequestException(java.util.List.of(e));
        }
    }

    public static RetractStudentFact retraction(DistrictId district, StudentId student, JsonNode body, EventSource source) {
        FieldReader fields = new FieldReader(body, RETRACTION_FIELDS);
        Long sequence = fields.read("sequence", value -> {
            if (value == null || !value.trim().matches("\\d{1,12}")) {
                throw new InvalidValueException("sequence", value, "is required: the sequence number of the fact in the journey timeline");
            }
            return Long.parseLong(value.trim());
        });
        String reason = fields.text("reason");
        fields.complete();
        return fields.build(() -> new RetractStudentFact(district, student, sequence, reason, source));
    }

    private static <T> T required(String field, String value, java.util.function.Function<String, T> parser) {
        Checks.required(field, value);
        return parser.apply(value.trim());
    }

    private static String requiredText(String field, String value, int maxLength) {
        Checks.required(field, value);
        return Codes.text(field, value, maxLength);
    }
}
