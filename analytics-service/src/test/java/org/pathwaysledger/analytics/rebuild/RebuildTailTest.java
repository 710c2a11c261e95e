package org.pathwaysledger.analytics.rebuild;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.analytics.AnalyticsServiceRunning;
import org.pathwaysledger.analytics.SyntheticLedger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events published while a rebuild folds its log (after its consumers caught up, before the switch) reach the new copy
 * through the tail: applied batch by batch in the normal mode, equity counts kept, before the switch. The fold is held
 * by a lock on one of the copy's read-model tables (nothing else touches them while replaying), so the events are
 * surely published in that window.
 */
class RebuildTailTest {

    static AnalyticsServiceRunning service;
    static SyntheticLedger first;
    static int firstEvents;

    @BeforeAll
    static void publishARegion() throws Exception {
        service = AnalyticsServiceRunning.start("--pathways.analytics.rebuild.switch-lag=0", "--pathways.analytics.rebuild.max-poll-records=500");
        first = new SyntheticLedger("TLA", 31).withEdgeCases();
        firstEvents = first.generate(200);
        first.publish(service.bootstrapServers());
        service.awaitApplied(first.prefix, firstEvents);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void events_published_while_folding_are_applied_by_the_tail_before_the_switch() throws Exception {
        SyntheticLedger later = new SyntheticLedger("TLB", 32).withEdgeCases();
        int laterEvents = later.generate(60);
        ReadModelRebuilds rebuilds = service.context.getBean(ReadModelRebuilds.class);
        RebuildProgress progress = rebuilds.start();
        String id = progress.id();
        progress = awaitMessage(rebuilds, id, "replaying");
        Map<String, List<String>> expected;
        try (Connection hold = service.context.getBean(DataSource.class).getConnection()) {
            hold.setAutoCommit(false);
            try (Statement statement = hold.createStatement()) {
                statement.execute("lock table " + progress.schema() + ".catalogue_pathway in access share mode");
            }
            awaitMessage(rebuilds, id, "caught up; folding");
            later.publish(service.bootstrapServers());
            service.awaitApplied(later.prefix, laterEvents);
            // What the serving projection made of both ledgers, batch by batch.
            expected = rows();
            hold.commit();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (progress.state() != RebuildProgress.State.SWITCHED) {
            assertThat(progress.state()).as(progress.message()).isNotEqualTo(RebuildProgress.State.FAILED);
            assertThat(System.nanoTime()).as("rebuild finished in time: %s", progress).isLessThan(deadline);
            Thread.sleep(20);
            progress = rebuilds.progress(id).orElseThrow();
        }
        assertThat(progress.phaseSeconds()).containsKeys("replaying", "folding", "tail", "computingCounts");
        assertThat(progress.eventsApplied()).isGreaterThanOrEqualTo(firstEvents + laterEvents);
        assertThat(expected.get("pathway_entrant")).anyMatch(row -> row.contains("TLB-"));
        assertThat(rows()).isEqualTo(expected);
    }

    private static RebuildProgress awaitMessage(ReadModelRebuilds rebuilds, String id, String start) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        RebuildProgress progress = rebuilds.progress(id).orElseThrow();
        while (!progress.message().startsWith(start)) {
            assertThat(progress.state()).as(progress.message()).isNotEqualTo(RebuildProgress.State.FAILED);
            assertThat(System.nanoTime()).as("rebuild reached '%s': %s", start, progress).isLessThan(deadline);
            Thread.sleep(10);
            progress = rebuilds.progress(id).orElseThrow();
        }
        return progress;
    }

    /** Both ledgers' rows in every folded table and their non-zero equity counts, as text, sorted. */
    private static Map<String, List<String>> rows() {
        Map<String, List<String>> rows = new TreeMap<>();
        for (String table : CatchUpLog.TABLES) {
            String key = table.equals("catalogue_pathway") ? "region_id" : "district_id";
            rows.put(table, service.jdbc().sql("select cast(t as text) from analytics." + table + " t where " + key + " like 'TL%' order by 1")
                    .query(String.class).list());
        }
        rows.put("equity_count", service.jdbc().sql("select cast(t as text) from analytics.equity_count t where pathway_id like 'TL%' "
                + "and (population <> 0 or successes <> 0) order by 1").query(String.class).list());
        return rows;
    }
}
