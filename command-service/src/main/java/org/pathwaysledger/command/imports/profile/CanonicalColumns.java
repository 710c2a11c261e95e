package org.pathwaysledger.command.imports.profile;

import org.pathwaysledger.events.value.Checks;
import org.pathwaysledger.events.value.CollegeCreditType;
import org.pathwaysledger.events.value.Codes;
import org.pathwaysledger.events.value.ContinuumStage;
import org.pathwaysledger.events.value.CourseRole;
import org.pathwaysledger.events.value.ExitReason;
import org.pathwaysledger.events.value.Flag;
import org.pathwaysledger.events.value.GradeLevel;
import org.pathwaysledger.events.value.InvalidValueException;
import org.pathwaysledger.events.value.IsoDate;
import org.pathwaysledger.events.value.Mark;
import org.pathwaysledger.events.value.Milestone;
import org.pathwaysledger.events.value.RaceCode;
import org.pathwaysledger.events.value.SchoolYear;
import org.pathwaysledger.events.value.Sex;
import org.pathwaysledger.events.value.WblActivityType;
import org.pathwaysledger.events.value.YearQuarter;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The coded and typed columns of the canonical format, checked with the published language's own parsers, so a
 * converted row is refused at conversion, in the source's terms, rather than later in the canonical file. Free-text
 * columns (ids, names) and the rules that join columns (an exit needs a reason) stay with the import itself.
 */
final class CanonicalColumns {

    static final String LIST_SEPARATOR = ";";

    private static final Set<String> FLAGS = Set.of("hispanic", "english_learner", "disability", "economically_disadvantaged",
            "foster", "homeless", "migrant", "military_connected", "single_parent", "cte", "transferable", "paid",
            "industry_recognized");

    /** Hours and wages are bounded by the import; here only their form is checked. */
    private static final BigDecimal ANY_AMOUNT = BigDecimal.valueOf(1_000_000_000L);

    private static final Map<String, BiConsumer<String, String>> CHECKS = Map.ofEntries(
            Map.entry("birth_date", IsoDate::parse),
            Map.entry("effective_date", IsoDate::parse),
            Map.entry("entry_date", IsoDate::parse),
            Map.entry("exit_date", IsoDate::parse),
            Map.entry("start_date", IsoDate::parse),
            Map.entry("end_date", IsoDate::parse),
            Map.entry("earned_date", IsoDate::parse),
            Map.entry("date", IsoDate::parse),
            Map.entry("grade_level", GradeLevel::parse),
            Map.entry("sex", Sex::parse),
            Map.entry("races", (column, value) -> {
                for (String race : value.split(LIST_SEPARATOR)) {
                    RaceCode.parse(column, race);
                }
            }),
            Map.entry("cohort_year", (column, value) -> {
                if (!value.matches("\\d{4}")) {
                    throw new InvalidValueException(column, value, "is not a year; use the 4-digit year the student entered grade 9, e.g. 2024");
                }
            }),
            Map.entry("school_year", SchoolYear::parse),
            Map.entry("exit_reason", ExitReason::parse),
            Map.entry("course_role", CourseRole::parse),
            Map.entry("college_credit_type", CollegeCreditType::parse),
            Map.entry("activity_type", WblActivityType::parse),
            Map.entry("continuum_stage", ContinuumStage::parse),
            Map.entry("milestone", Milestone::parse),
            Map.entry("year_quarter", YearQuarter::parse),
            Map.entry("mark", Mark::parse),
            Map.entry("credits_attempted", (column, value) -> Codes.nonNegative(column, value, Checks.MAX_CREDITS_PER_COURSE)),
            Map.entry("credits_earned", (column, value) -> Codes.nonNegative(column, value, Checks.MAX_CREDITS_PER_COURSE)),
            Map.entry("college_credits", (column, value) -> Codes.nonNegative(column, value, Checks.MAX_CREDITS_PER_COURSE)),
            Map.entry("hours", (column, value) -> Codes.nonNegative(column, value, ANY_AMOUNT)),
            Map.entry("quarterly_wage", (column, value) -> Codes.nonNegative(column, value, ANY_AMOUNT)));

    /** Columns whose values come from short code lists, so their checks can be remembered (some parsers are costly). */
    private static final Set<String> CODED = Set.of("grade_level", "sex", "races", "school_year", "exit_reason", "course_role",
            "college_credit_type", "activity_type", "continuum_stage", "milestone", "mark");
    private static final int MAX_REMEMBERED = 10_000;
    private static final Map<String, Optional<String>> REMEMBERED = new ConcurrentHashMap<>();

    private CanonicalColumns() {
    }

    static boolean isFlag(String column) {
        return FLAGS.contains(column);
    }

    /** What is wrong with a non-empty value for the column, in the canonical format's words; empty when it is valid. */
    static Optional<String> problem(String column, String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!CODED.contains(column)) {
            return check(column, value);
        }
        String key = column + '=' + value;
        Optional<String> known = REMEMBERED.get(key);
        if (known != null) {
            return known;
        }
        Optional<String> problem = check(column, value);
        if (REMEMBERED.size() < MAX_REMEMBERED) {
            REMEMBERED.put(key, problem);
        }
        return problem;
    }

    private static Optional<String> check(String column, String value) {
        try {
            if (FLAGS.contains(column)) {
                Flag.parse(column, value);
            } else {
                BiConsumer<String, String> check = CHECKS.get(column);
                if (check != null) {
                    check.accept(column, value);
                }
            }
            return Optional.empty();
        } catch (InvalidValueException e) {
            return Optional.of(e.problem());
        }
    }
}
