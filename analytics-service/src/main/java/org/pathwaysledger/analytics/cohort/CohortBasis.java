package org.pathwaysledger.analytics.cohort;

import org.pathwaysledger.events.value.InvalidValueException;

import java.util.Arrays;

/**
 * What fixes a cohort (METRICS.md "Longitudinal: a cohort is fixed by its entry year"): the grade-9 entry year the
 * district reported, or the school year in which the student entered the pathway. A school year is named by its
 * fall year and starts on July 1, so an entry on 2026-03-02 belongs to the 2025 cohort (school year 2025-26).
 */
public enum CohortBasis {
    GRADE_9("Grade-9 entry year", "d.cohort_year"),
    PATHWAY_ENTRY("Pathway entry school year (fall year, from July 1)", "cast(extract(year from e.entry_date - interval '6 months') as integer)");

    private final String label;
    private final String expression;

    CohortBasis(String label, String expression) {
        this.label = label;
        this.expression = expression;
    }

    public String label() {
        return label;
    }

    /** SQL over the entrant {@code e} and its demographics {@code d}: the cohort year. A fixed expression, never input. */
    String expression() {
        return expression;
    }

    public static CohortBasis parse(String value) {
        if (value == null || value.isBlank()) {
            return GRADE_9;
        }
        return Arrays.stream(values()).filter(basis -> basis.name().equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> new InvalidValueException("cohortBy", value.length() > 40 ? value.substring(0, 40) + "..." : value,
                        "is not a cohort basis; use GRADE_9 (grade-9 entry year, the default) or PATHWAY_ENTRY (school year of pathway entry)"));
    }
}
