package org.pathwaysledger.analytics.rebuild;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.analytics.AnalyticsServiceRunning;
import org.pathwaysledger.analytics.SyntheticLedger;
import org.pathwaysledger.analytics.aggregate.EquityAggregateQuery;
import org.pathwaysledger.analytics.aggregate.EquityAggregates;
import org.pathwaysledger.analytics.entry.PathwayEntryQuery;
import org.pathwaysledger.analytics.outcome.OutcomeMetric;
import org.pathwaysledger.analytics.outcome.OutcomeQuery;
import org.pathwaysledger.analytics.scope.Scope;
import org.pathwaysledger.analytics.subgroup.Dimension;
import org.pathwaysledger.analytics.web.AsOf;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild replays the topics in catch-up mode (each event's rows appended to staging tables, folded into the
 * read-model tables set-wise once caught up, the equity counts computed once), the serving copy was fed batch by batch
 * with the counts kept incrementally. On the same random events (detail changes, corrections, retractions of entries and facts,
 * re-entries, the edge cases of {@link SyntheticLedger#withEdgeCases}, duplicate deliveries; small polls, so they span batches) both must hold the very same rows, table by
 * table, the same pre-aggregated counts, and give the same answer to every metric.
 */
class CatchUpRebuildTest {

    /** Every table the projection writes, with the columns that identify the ledger's rows (processed_at is the wall clock). */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("student_demographics", "district_id");
        TABLES.put("pathway_entrant", "district_id");
        TABLES.put("pathway_status", "district_id");
        TABLES.put("college_credit", "district_id");
        TABLES.put("wbl_placement", "district_id");
        TABLES.put("industry_credential", "district_id");
        TABLES.put("high_school_completion", "district_id");
        TABLES.put("postsecondary_enrollment", "district_id");
        TABLES.put("postsecondary_credential", "district_id");
        TABLES.put("wage_record", "district_id");
        TABLES.put("catalogue_pathway", "region_id");
        TABLES.put("equity_count", "pathway_id");
    }

    static AnalyticsServiceRunning service;
    static SyntheticLedger ledger;
    static int events;

    @BeforeAll
    static void publishARegion() throws Exception {
        // Small polls for the serving copy: a student's events, their retractions and the duplicate deliveries fall into
        // different batches; the rebuild's polls of 1,000 send the larger runs of inserts by COPY, the others as
        // multi-row inserts. Switch only when fully caught up, so every event of the rebuilt copy went through the
        // catch-up path.
        service = AnalyticsServiceRunning.start("--pathways.analytics.max-poll-records=150",
                "--pathways.analytics.rebuild.max-poll-records=1000", "--pathways.analytics.rebuild.switch-lag=0");
        ledger = new SyntheticLedger("CUP", 424242).withEdgeCases();
        events = ledger.generate(700);
        ledger.publish(service.bootstrapServers());
        service.awaitApplied(ledger.prefix, events);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void the_caught_up_copy_equals_the_incrementally_kept_copy_table_by_table_and_metric_by_metric() throws Exception {
        Map<String, List<String>> servingRows = rows();
        Map<String, Object> servingAnswers = answers();
        assertThat(servingRows.get("pathway_entrant")).hasSizeGreaterThan(300);
        assertThat(servingRows.get("equity_count")).hasSizeGreaterThan(500);
        for (String table : TABLES.keySet()) {
            assertThat(servingRows.get(table)).as("the synthetic ledger fills %s", table).isNotEmpty();
        }
        assertThat(service.jdbc().sql("select count(*) from pathway_entrant where district_id like 'CUP-%' and withdrawn_at is not null")
                .query(Long.class).single()).as("retracted entries").isPositive();

        ReadModelRebuilds rebuilds = service.context.getBean(ReadModelRebuilds.class);
        RebuildProgress progress = rebuilds.start();
        Set<String> messages = new LinkedHashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (progress.state() != RebuildProgress.State.SWITCHED) {
            assertThat(progress.state()).as(progress.message()).isNotEqualTo(RebuildProgress.State.FAILED);
            assertThat(System.nanoTime()).as("rebuild finished in time: %s", progress).isLessThan(deadline);
            messages.add(progress.message());
            Thread.sleep(20);
            progress = rebuilds.progress(progress.id()).orElseThrow();
        }
        assertThat(messages).anySatisfy(message -> assertThat(message).startsWith("replaying the topics"));
        // Log, then fold: the replay only appended the events' rows to staging tables; the read-model tables were
        // computed from them once caught up, their keys and indexes built after.
        // (A "tail" phase is allowed: the events a consumer had polled but not applied when caught up are applied then.)
        assertThat(progress.phaseSeconds()).containsKeys("replaying", "folding", "indexingProcessedIds", "computingCounts", "switching");
        assertThat(progress.phaseSeconds().keySet()).isSubsetOf("replaying", "folding", "indexingProcessedIds", "computingCounts", "tail", "switching");
        assertThat(service.jdbc().sql("select count(*) from pg_tables where schemaname = 'analytics' and tablename like 'log\\_%'")
                .query(Long.class).single()).as("staging tables dropped after the fold").isZero();
        // The copy found duplicates in memory and wrote its processed ids without their primary key: it is back, so
        // the serving consumer de-duplicates redeliveries after the switch as before.
        assertThat(service.jdbc().sql("select count(*) from pg_constraint c join pg_class t on t.oid = c.conrelid "
                + "join pg_namespace n on n.oid = t.relnamespace where n.nspname = 'analytics' and t.relname = 'processed_event' "
                + "and c.contype = 'p'").query(Long.class).single()).isEqualTo(1);
        assertThat(progress.eventsApplied()).isGreaterThanOrEqualTo(events);
        service.awaitApplied(ledger.prefix, events);

        Map<String, List<String>> rebuiltRows = rows();
        for (String table : TABLES.keySet()) {
            assertThat(rebuiltRows.get(table)).as(table).isEqualTo(servingRows.get(table));
        }
        assertThat(answers()).isEqualTo(servingAnswers);
    }

    /** Every row of the ledger's students (and pathways) in each table, in a fixed order; counts that are zero left out. */
    private static Map<String, List<String>> rows() {
        Map<String, List<String>> rows = new TreeMap<>();
        for (var table : TABLES.entrySet()) {
            String zero = table.getKey().equals("equity_count") ? " and (population <> 0 or successes <> 0)" : "";
            String sql = "select t.* from " + table.getKey() + " t where " + table.getValue() + " like 'CUP-%'" + zero;
            List<String> tableRows = new ArrayList<>(service.jdbc().sql(sql).query((row, number) -> {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    line.append(row.getMetaData().getColumnName(i)).append('=').append(row.getString(i)).append(' ');
                }
                return line.toString();
            }).list());
            tableRows.sort(null);
            rows.put(table.getKey(), tableRows);
        }
        rows.put("processed_event", service.jdbc().sql("select event_id from processed_event where event_id like 'CUP-%' order by 1")
                .query(String.class).list());
        return rows;
    }

    /** Every metric at pathway, district, sector and region level: the pre-aggregated and the student-level answers. */
    private static Map<String, Object> answers() {
        OutcomeQuery outcomes = service.context.getBean(OutcomeQuery.class);
        PathwayEntryQuery entrants = service.context.getBean(PathwayEntryQuery.class);
        EquityAggregateQuery aggregates = service.context.getBean(EquityAggregateQuery.class);
        Instant now = AsOf.parse(null);
        // A date: the student-level path (the rows themselves), not the pre-aggregated counts.
        Instant dated = AsOf.parse("2099-01-01");
        List<Scope> scopes = new ArrayList<>();
        for (String pathway : ledger.pathways) {
            scopes.add(Scope.of(pathway, null, null, null, null));
            scopes.add(Scope.of(pathway, null, null, ledger.districts.get(0), null));
        }
        scopes.add(Scope.of(null, ledger.sector, null, null, null));
        scopes.add(Scope.of(null, null, ledger.region, null, null));
        Map<String, Object> answers = new TreeMap<>();
        for (Scope scope : scopes) {
            answers.put(scope + " entrants", plain(entrants.count(scope, now)));
            answers.put(scope + " entrants from students", plain(entrants.countFromStudents(scope, dated)));
            answers.put(scope + " participation", plain(outcomes.countParticipation(scope, now, List.of())));
            for (OutcomeMetric metric : OutcomeMetric.values()) {
                answers.put(scope + " " + metric.id(), plain(outcomes.count(metric, scope, now, List.of())));
                answers.put(scope + " " + metric.id() + " from students",
                        plain(outcomes.countFromStudents(metric, scope, dated, List.of(List.of(Dimension.SEX, Dimension.ENGLISH_LEARNER)))));
                if (EquityAggregates.covers(metric.id())) {
                    answers.put(scope + " " + metric.id() + " pre-aggregated", plain(aggregates.count(metric.id(), scope)));
                }
            }
        }
        return answers;
    }

    private static String plain(OutcomeQuery.Counts counts) {
        return counts.population() + "/" + counts.successes() + " " + cells(counts.byDimension()) + " " + cells(counts.byIntersection());
    }

    private static String plain(PathwayEntryQuery.EntrantCounts counts) {
        Map<String, Long> plain = new TreeMap<>();
        counts.byDimension().forEach((dimension, groups) -> groups.forEach((group, count) -> {
            if (count != 0) {
                plain.put(dimension + ":" + group, count);
            }
        }));
        return counts.total() + " " + plain;
    }

    private static String plain(EquityAggregateQuery.Counts counts) {
        return counts.population() + "/" + counts.successes() + " " + cells(counts.byDimension());
    }

    private static String cells(Map<?, Map<String, long[]>> byGroup) {
        Map<String, String> plain = new TreeMap<>();
        byGroup.forEach((dimension, groups) -> groups.forEach((group, cell) -> {
            if (cell[0] != 0 || cell[1] != 0) {
                plain.put(dimension + ":" + group, cell[0] + "/" + cell[1]);
            }
        }));
        return plain.toString();
    }
}
