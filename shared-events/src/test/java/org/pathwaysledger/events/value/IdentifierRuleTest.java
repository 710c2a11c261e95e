package org.pathwaysledger.events.value;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The value types check identifiers, school years and quarters with hand-written loops instead of the regular
 * expressions they used before (cheaper per event read). These tests run the old expressions and the loops over
 * edge cases and many random strings and require the same answer, and the same error message, for every one.
 */
class IdentifierRuleTest {

    /** The rules as they were written before, the reference. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern SCHOOL_YEAR = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern QUARTER = Pattern.compile("\\d{4}Q[1-4]");

    /** Characters near every boundary of the rules: ASCII ranges' neighbours, separators, other scripts' digits and letters. */
    private static final String ALPHABET = "aAzZ09mM5._-/@`[{:\\ \t\n\u0000\u007fQq1234-Q"
            + "\u00e9\u00c9\u0660\u0663\u0966\uff10\uff21\u0131\u017f\u212a\u2028\u00a0\ud83d\ude00\ud800";

    @Test
    void the_identifier_loop_accepts_exactly_what_the_expression_accepted() {
        for (String candidate : candidates(66, 200_000, 1)) {
            assertThat(Identifier.isAllowed(candidate)).as("[%s]", candidate).isEqualTo(IDENTIFIER.matcher(candidate).matches());
        }
    }

    @Test
    void identifiers_are_refused_with_the_same_message_as_before() {
        int refused = 0;
        for (String candidate : candidates(70, 50_000, 2)) {
            String expected = referenceIdentifierProblem("student_id", candidate);
            String actual = problem(value -> new StudentId(value), candidate);
            assertThat(actual).as("[%s]", candidate).isEqualTo(expected);
            refused += expected == null ? 0 : 1;
        }
        // Both sides of the rule were exercised.
        assertThat(refused).isBetween(1_000, 49_000);
        assertThat(problem(value -> new StudentId(value), "a".repeat(64))).isNull();
        assertThat(problem(value -> new StudentId(value), "a".repeat(65))).isEqualTo(referenceIdentifierProblem("student_id", "a".repeat(65)));
        assertThat(problem(value -> new StudentId(value), "   ")).isEqualTo("student_id: is required");
        assertThat(problem(value -> new StudentId(value), null)).isEqualTo("student_id: is required");
    }

    @Test
    void school_years_and_quarters_read_exactly_as_with_the_expressions() {
        int schoolYears = 0;
        int quarters = 0;
        for (String candidate : candidates(8, 200_000, 3, "0123456789-Q \u0663\uff11q", "0123456789-Q")) {
            assertThat(SchoolYear.isSchoolYearForm(candidate)).as("[%s]", candidate).isEqualTo(SCHOOL_YEAR.matcher(candidate).matches());
            assertThat(YearQuarter.isQuarterForm(candidate)).as("[%s]", candidate).isEqualTo(QUARTER.matcher(candidate).matches());
            schoolYears += SCHOOL_YEAR.matcher(candidate).matches() ? 1 : 0;
            quarters += QUARTER.matcher(candidate).matches() ? 1 : 0;
        }
        assertThat(schoolYears).isGreaterThan(100);
        assertThat(quarters).isGreaterThan(100);
        assertThat(SchoolYear.of(" 2025-26 ")).isEqualTo(new SchoolYear(2025));
        assertThat(SchoolYear.of("2099-00")).isEqualTo(new SchoolYear(2099));
        assertThat(problem(SchoolYear::of, "2025-27")).isEqualTo("school_year: '2025-27' is not a school year; use the form 2025-26");
        assertThat(problem(SchoolYear::of, "2025\u221226")).isEqualTo("school_year: '2025\u221226' is not a school year; use the form 2025-26");
        assertThat(YearQuarter.of(" 2027q2")).isEqualTo(new YearQuarter(2027, 2));
        assertThat(problem(YearQuarter::of, "2027Q5")).isEqualTo("year_quarter: '2027Q5' is not a quarter; use the form 2027Q2");
        assertThat(problem(YearQuarter::of, "\u0662\u0660\u0662\u0667Q2")).startsWith("year_quarter: ").endsWith("is not a quarter; use the form 2027Q2");
    }

    private static String referenceIdentifierProblem(String field, String value) {
        if (value == null || value.isBlank()) {
            return field + ": is required";
        }
        if (!IDENTIFIER.matcher(value).matches()) {
            return field + ": '" + Identifier.abbreviate(value) + "' is not a valid identifier; use 1 to 64 letters, digits, '.', '_' "
                    + "or '-', starting with a letter or digit";
        }
        return null;
    }

    private static String problem(Function<String, ?> create, String value) {
        try {
            create.apply(value);
            return null;
        } catch (InvalidValueException e) {
            return e.getMessage();
        }
    }

    private static List<String> candidates(int maxLength, int randomCount, long seed) {
        return candidates(maxLength, randomCount, seed, ALPHABET, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");
    }

    /** Every string of up to two characters of the alphabet, lengths around the limit, then random strings biased to valid ones. */
    private static List<String> candidates(int maxLength, int randomCount, long seed, String alphabet, String valid) {
        List<String> all = new ArrayList<>();
        all.add("");
        for (int i = 0; i < alphabet.length(); i++) {
            all.add(alphabet.substring(i, i + 1));
            for (int j = 0; j < alphabet.length(); j++) {
                all.add("" + alphabet.charAt(i) + alphabet.charAt(j));
            }
        }
        for (int length = 60; length <= 70; length++) {
            all.add("A".repeat(length));
            all.add("9" + "-".repeat(length - 1));
            all.add("x".repeat(length - 1) + "\u00e9");
        }
        Random random = new Random(seed);
        for (int n = 0; n < randomCount; n++) {
            int length = random.nextInt(maxLength + 1);
            if (maxLength < 10 && random.nextBoolean()) {
                length = 6 + random.nextInt(2);
            }
            boolean mostlyValid = random.nextInt(4) != 0;
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                boolean fromValid = mostlyValid && random.nextInt(50) != 0;
                String from = fromValid ? valid : alphabet;
                text.append(from.charAt(random.nextInt(from.length())));
            }
            all.add(text.toString());
        }
        return all;
    }
}
