package org.pathwaysledger.events;

import org.junit.jupiter.api.Test;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.FederalRaceEthnicity;
import org.pathwaysledger.events.value.GradeLevel;
import org.pathwaysledger.events.value.InvalidValueException;
import org.pathwaysledger.events.value.IsoDate;
import org.pathwaysledger.events.value.RaceCode;
import org.pathwaysledger.events.value.Sex;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pathwaysledger.events.value.FederalRaceEthnicity.*;
import static org.pathwaysledger.events.value.RaceCode.AIAN;
import static org.pathwaysledger.events.value.RaceCode.BLACK;
import static org.pathwaysledger.events.value.RaceCode.MENA;

class ValueTypesTest {

    @Test
    void hispanic_takes_precedence_over_any_race() {
        assertThat(FederalRaceEthnicity.derive(true, List.of(RaceCode.WHITE), false)).isEqualTo(HISPANIC_OR_LATINO);
        assertThat(FederalRaceEthnicity.derive(true, List.of(BLACK, RaceCode.ASIAN), false)).isEqualTo(HISPANIC_OR_LATINO);
        assertThat(FederalRaceEthnicity.derive(true, List.of(), false)).isEqualTo(HISPANIC_OR_LATINO);
    }

    @Test
    void more_than_one_race_is_two_or_more_races() {
        assertThat(FederalRaceEthnicity.derive(false, List.of(BLACK, RaceCode.WHITE), false)).isEqualTo(TWO_OR_MORE_RACES);
        assertThat(FederalRaceEthnicity.derive(false, List.of(AIAN), false)).isEqualTo(AMERICAN_INDIAN_OR_ALASKA_NATIVE);
        assertThat(FederalRaceEthnicity.derive(false, List.of(), false)).isEqualTo(NOT_REPORTED);
    }

    @Test
    void mena_is_its_own_category_only_where_the_region_reports_it() {
        assertThat(FederalRaceEthnicity.derive(false, List.of(MENA), true)).isEqualTo(MIDDLE_EASTERN_OR_NORTH_AFRICAN);
        assertThat(FederalRaceEthnicity.derive(false, List.of(MENA), false)).isEqualTo(FederalRaceEthnicity.WHITE);
        // Under the 1997 standard MENA and White are one category, so this is one race, not two.
        assertThat(FederalRaceEthnicity.derive(false, List.of(MENA, RaceCode.WHITE), false)).isEqualTo(FederalRaceEthnicity.WHITE);
        assertThat(FederalRaceEthnicity.derive(false, List.of(MENA, RaceCode.WHITE), true)).isEqualTo(TWO_OR_MORE_RACES);
        assertThat(FederalRaceEthnicity.reported(false)).doesNotContain(MIDDLE_EASTERN_OR_NORTH_AFRICAN);
    }

    @Test
    void a_wrong_race_code_says_what_would_be_accepted() {
        assertThatThrownBy(() -> RaceCode.parse("races", "Hisp"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("races: 'Hisp' is not a race code; use AIAN, ASIAN, BLACK, NHPI, WHITE or MENA, and hispanic=Y for Hispanic or Latino");
    }

    @Test
    void grade_levels_read_as_districts_write_them() {
        assertThat(GradeLevel.parse("grade_level", "09")).isEqualTo(GradeLevel.G09);
        assertThat(GradeLevel.parse("grade_level", "9")).isEqualTo(GradeLevel.G09);
        assertThat(GradeLevel.parse("grade_level", "kg")).isEqualTo(GradeLevel.KG);
        assertThat(GradeLevel.G11.code()).isEqualTo("11");
        assertThatThrownBy(() -> GradeLevel.parse("grade_level", "13"))
                .hasMessage("grade_level: '13' is not a grade level; use KG, 01 to 12, or AD for adult education");
    }

    @Test
    void the_grade_9_cohort_is_derived_from_grade_and_school_year() {
        assertThat(GradeLevel.G09.grade9EntryYear(LocalDate.of(2025, 9, 1))).isEqualTo(2025);
        assertThat(GradeLevel.G09.grade9EntryYear(LocalDate.of(2026, 3, 1))).isEqualTo(2025);
        assertThat(GradeLevel.G11.grade9EntryYear(LocalDate.of(2025, 9, 1))).isEqualTo(2023);
        assertThat(GradeLevel.AD.grade9EntryYear(LocalDate.of(2025, 9, 1))).isNull();
    }

    @Test
    void identifiers_refuse_hostile_strings_without_echoing_them_whole() {
        assertThatThrownBy(() -> DistrictId.of("D1'; drop table students;--"))
                .hasMessageStartingWith("district_id: 'D1'; drop table students;--' is not a valid identifier");
        assertThatThrownBy(() -> DistrictId.of("x".repeat(10_000)))
                .hasMessageContaining("...' is not a valid identifier")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(300));
        assertThatThrownBy(() -> Sex.parse("sex", "Q")).hasMessage("sex: 'Q' is not a sex code; use F, M, X (non-binary) or U (not selected)");
    }

    @Test
    void import_dates_read_as_iso_local_date_reads_them_with_the_same_errors() {
        assertThat(IsoDate.parse("entry_date", " 2025-08-20 ")).isEqualTo(LocalDate.of(2025, 8, 20));
        assertThat(IsoDate.parse("entry_date", "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(IsoDate.parse("entry_date", "+12025-01-02")).isEqualTo(LocalDate.of(12025, 1, 2));
        assertThat(IsoDate.parse("entry_date", "  ")).isNull();
        for (String wrong : List.of("2023-02-29", "2025-8-20", "2025/08/20", "08/20/2025", "2025-08-20T00:00", "2025-13-01")) {
            assertThatThrownBy(() -> IsoDate.parse("entry_date", wrong)).as(wrong)
                    .hasMessage("entry_date: '" + wrong + "' is not a date; use YYYY-MM-DD, e.g. 2025-08-20");
        }
        assertThatThrownBy(() -> IsoDate.required("entry_date", "")).hasMessage("entry_date: is required; use YYYY-MM-DD");
    }
}
