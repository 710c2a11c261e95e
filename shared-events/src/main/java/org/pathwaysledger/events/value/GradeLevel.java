package org.pathwaysledger.events.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.LocalDate;
import java.time.Month;

/** Grade level as districts export it: {@code KG}, {@code 01}..{@code 12}, or {@code AD} for adult education. */
public enum GradeLevel {
    KG(0), G01(1), G02(2), G03(3), G04(4), G05(5), G06(6), G07(7), G08(8), G09(9), G10(10), G11(11), G12(12), AD(-1);

    private final int grade;

    GradeLevel(int grade) {
        this.grade = grade;
    }

    @JsonValue
    public String code() {
        return switch (this) {
            case KG, AD -> name();
            default -> grade < 10 ? "0" + grade : Integer.toString(grade);
        };
    }

    @JsonCreator
    public static GradeLevel fromCode(String code) {
        return parse("grade_level", code);
    }

    public static GradeLevel parse(String field, String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidValueException(field, null, "is required; use KG, 01 to 12, or AD for adult education");
        }
        String normalised = code.trim().toUpperCase();
        for (GradeLevel level : values()) {
            if (level.code().equals(normalised) || (level.grade > 0 && normalised.equals(String.valueOf(level.grade)))) {
                return level;
            }
        }
        throw new InvalidValueException(field, Identifier.abbreviate(code), "is not a grade level; use KG, 01 to 12, or AD for adult education");
    }

    public boolean isAdultEducation() {
        return this == AD;
    }

    /**
     * The fall in which a K-12 student at this grade on {@code asOf} entered (or will enter) grade 9, assuming
     * on-time progression; school years start in July. Adult-education students have no grade-9 cohort.
     */
    public Integer grade9EntryYear(LocalDate asOf) {
        if (this == AD) {
            return null;
        }
        int schoolYearStart = asOf.getMonthValue() >= Month.JULY.getValue() ? asOf.getYear() : asOf.getYear() - 1;
        return schoolYearStart - (grade - 9);
    }
}
