package org.pathwaysledger.analytics.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.analytics.AnalyticsServiceRunning;
import org.pathwaysledger.analytics.SyntheticLedger;
import org.pathwaysledger.analytics.entry.PathwayEntryController;
import org.pathwaysledger.analytics.entry.PathwayEntryQuery;
import org.pathwaysledger.analytics.outcome.OutcomeController;
import org.pathwaysledger.analytics.scope.Scope;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code pathways.analytics.as-of.granularity=day}, on real PostgreSQL and Kafka: every answer, "now" included, is
 * as of the end of yesterday (UTC), counted from what the ledger knew then, and says so.
 */
class AsOfGranularityTest {

    static AnalyticsServiceRunning daily;
    static SyntheticLedger ledger;

    @BeforeAll
    static void start() throws Exception {
        daily = AnalyticsServiceRunning.start("--pathways.analytics.as-of.granularity=day");
        ledger = new SyntheticLedger("AG", 20261126);
        int events = ledger.generate(60);
        ledger.publish(daily.bootstrapServers());
        daily.awaitApplied(ledger.prefix, events);
    }

    @AfterAll
    static void stop() {
        daily.close();
    }

    @Test
    void now_is_the_end_of_yesterday_and_the_counts_are_those_known_then() {
        Instant yesterday = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1000);
        var outcome = daily.context.getBean(OutcomeController.class).outcome("concentrator-rate", ledger.pathways.get(0), null, null, null,
                null, null, null, false);
        assertThat(outcome.asOf()).isEqualTo(yesterday);
        var entry = daily.context.getBean(PathwayEntryController.class).pathwayEntry(ledger.pathways.get(0), null, null, null, null, null);
        assertThat(entry.asOf()).isEqualTo(yesterday);
        long knownYesterday = daily.context.getBean(PathwayEntryQuery.class).countFromStudents(
                Scope.of(ledger.pathways.get(0), null, null, null, null), yesterday).total();
        long knownNow = daily.context.getBean(PathwayEntryQuery.class).countFromStudents(
                Scope.of(ledger.pathways.get(0), null, null, null, null), AsOf.parse(null)).total();
        assertThat(knownNow).as("the ledger's entrants, applied today").isPositive();
        assertThat(entry.entrants().count() == null ? 0 : entry.entrants().count()).isEqualTo(knownYesterday < 10 ? 0 : knownYesterday);
        assertThat(daily.context.getBean(org.pathwaysledger.analytics.outcome.SuppressionPolicyController.class).policy().asOfGranularity())
                .isEqualTo("day");
    }
}
