package org.pathwaysledger.command.imports;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The canonical import kinds of IMPORT-FORMAT.md v1, in dependency order: students come before what refers to them.
 * Columns are the contract's; a file's header may list them in any order and any case.
 */
public enum ImportKind {
    STUDENTS("students",
            List.of("district_id", "student_id", "birth_date", "school_id", "grade_level", "sex", "hispanic"),
            List.of("state_student_id", "cohort_year", "races", "english_learner", "disability", "economically_disadvantaged",
                    "foster", "homeless", "migrant", "military_connected", "single_parent", "effective_date", "first_name", "last_name")),
    PATHWAY_ENROLLMENTS("pathway_enrollments",
            List.of("district_id", "student_id", "pathway_id", "school_id", "entry_date"),
            List.of("exit_date", "exit_reason")),
    COURSE_COMPLETIONS("course_completions",
            List.of("district_id", "student_id", "course_id", "school_year", "term"),
            List.of("course_title", "grade_level", "pathway_id", "course_role", "cte", "credits_attempted", "credits_earned", "hours",
                    "mark", "college_credit_type", "college_id", "college_course_id", "college_credits", "transferable")),
    WBL_PLACEMENTS("wbl_placements",
            List.of("district_id", "student_id", "placement_id", "activity_type", "start_date"),
            List.of("continuum_stage", "employer_id", "employer_name", "sector", "end_date", "hours", "paid", "calpads_wbl_type")),
    CREDENTIALS("credentials",
            List.of("district_id", "student_id", "credential_id", "earned_date"),
            List.of("credential_name", "issuer", "industry_recognized")),
    MILESTONES("milestones",
            List.of("district_id", "student_id", "milestone", "date"),
            List.of("institution_id", "detail", "year_quarter", "quarterly_wage"));

    private final String fileName;
    private final List<String> required;
    private final Set<String> known;

    ImportKind(String fileName, List<String> required, List<String> optional) {
        this.fileName = fileName;
        this.required = required;
        this.known = new LinkedHashSet<>(required);
        this.known.addAll(optional);
    }

    /** The kind's name as in a request ({@code ?kind=students}) and the stem of its file name. */
    public String fileName() {
        return fileName;
    }

    public List<String> requiredColumns() {
        return required;
    }

    public Set<String> knownColumns() {
        return known;
    }

    public static Optional<ImportKind> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String normalised = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(kind -> kind.fileName.equals(normalised)).findFirst();
    }

    /** The kind a file name says: {@code students*.csv}, {@code pathway_enrollments_2025.csv}... */
    public static Optional<ImportKind> ofFileName(String file) {
        if (file == null) {
            return Optional.empty();
        }
        String base = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1).toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values())
                .sorted((a, b) -> b.fileName.length() - a.fileName.length())
                .filter(kind -> base.startsWith(kind.fileName))
                .findFirst();
    }

    public static String acceptedNames() {
        return String.join(", ", Arrays.stream(values()).map(ImportKind::fileName).toList());
    }
}
