package org.pathwaysledger.analytics.web;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsOfPolicyTest {

    /** 2026-11-26 10:15 UTC. */
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-26T10:15:00Z"), ZoneOffset.UTC);

    private static AsOfPolicy policy(AsOfPolicy.Granularity granularity) {
        return new AsOfPolicy(granularity, NOW);
    }

    @Test
    void by_default_any_instant_is_answered_and_now_is_the_latest_event() {
        AsOfPolicy instant = policy(AsOfPolicy.Granularity.INSTANT);
        assertThat(instant.resolve(null)).isEqualTo(AsOf.parse(null));
        assertThat(instant.resolve("2026-10-07T17:00:00Z")).isEqualTo(Instant.parse("2026-10-07T17:00:00Z"));
        assertThat(instant.resolve("2026-10-07")).isEqualTo(Instant.parse("2026-10-07T23:59:59.999999Z"));
    }

    @Test
    void by_day_every_answer_is_as_of_the_end_of_the_last_complete_day() {
        AsOfPolicy day = policy(AsOfPolicy.Granularity.DAY);
        assertThat(day.resolve(null)).as("now: the end of yesterday").isEqualTo(Instant.parse("2026-11-25T23:59:59.999999Z"));
        assertThat(day.resolve("2026-11-26")).as("today is not complete").isEqualTo(Instant.parse("2026-11-25T23:59:59.999999Z"));
        assertThat(day.resolve("2026-10-07T17:00:00Z")).isEqualTo(Instant.parse("2026-10-06T23:59:59.999999Z"));
        assertThat(day.resolve("2026-10-07")).as("a date is its day's end already").isEqualTo(Instant.parse("2026-10-07T23:59:59.999999Z"));
        assertThat(day.resolve("2031-01-01")).as("the future is now").isEqualTo(Instant.parse("2026-11-25T23:59:59.999999Z"));
    }

    @Test
    void by_month_every_answer_is_as_of_the_end_of_the_last_complete_month() {
        AsOfPolicy month = policy(AsOfPolicy.Granularity.MONTH);
        assertThat(month.resolve(null)).isEqualTo(Instant.parse("2026-10-31T23:59:59.999999Z"));
        assertThat(month.resolve("2026-10-07")).isEqualTo(Instant.parse("2026-09-30T23:59:59.999999Z"));
        assertThat(month.resolve("2026-10-31")).isEqualTo(Instant.parse("2026-10-31T23:59:59.999999Z"));
        assertThat(month.resolve("2024-03-01T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.999999Z"));
    }

    @Test
    void a_wrong_setting_is_refused_at_start_with_the_values_allowed() {
        assertThatThrownBy(() -> new AsOfPolicy("weekly")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("instant, day or month");
        assertThat(new AsOfPolicy(" Month ").granularity()).isEqualTo(AsOfPolicy.Granularity.MONTH);
    }
}
