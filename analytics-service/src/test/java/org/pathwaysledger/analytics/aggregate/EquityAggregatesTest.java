package org.pathwaysledger.analytics.aggregate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.analytics.AnalyticsServiceRunning;
import org.pathwaysledger.analytics.SyntheticLedger;
import org.pathwaysledger.analytics.entry.PathwayEntryQuery;
import org.pathwaysledger.analytics.outcome.OutcomeMetric;
import org.pathwaysledger.analytics.outcome.OutcomeQuery;
import org.pathwaysledger.analytics.scope.Scope;
import org.pathwaysledger.analytics.subgroup.Dimension;
import org.pathwaysledger.analytics.web.AsOf;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-aggregated equity counts answer exactly what the student-level rows answer, for every pre-aggregated
 * metric, every dimension and group, at pathway, sector, region and district level, on a random region with
 * detail changes, corrections, retractions and duplicate deliveries; and the counts kept batch by batch (per-student
 * SQL) equal a recomputation from scratch (the set-wise SQL a rebuild and an upgrade use).
 */
class EquityAggregatesTest {

    static AnalyticsServiceRunning service;
    static SyntheticLedger ledger;

    @BeforeAll
    static void publishARegion() throws Exception {
        service = AnalyticsServiceRunning.start();
        ledger = new SyntheticLedger("AGG", 20261125);
        int events = ledger.generate(600);
        ledger.publish(service.bootstrapServers());
        service.awaitApplied(ledger.prefix, events);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void pre_aggregated_counts_equal_the_student_level_counts_for_every_metric_dimension_and_scope() {
        OutcomeQuery outcomes = service.context.getBean(OutcomeQuery.class);
        PathwayEntryQuery entrants = service.context.getBean(PathwayEntryQuery.class);
        EquityAggregateQuery aggregates = service.context.getBean(EquityAggregateQuery.class);
        Instant now = AsOf.parse(null);
        List<Scope> scopes = new ArrayList<>();
        for (String pathway : ledger.pathways) {
            scopes.add(Scope.of(pathway, null, null, null, null));
            scopes.add(Scope.of(pathway, null, null, ledger.districts.get(1), null));
        }
        scopes.add(Scope.of(null, ledger.sector, null, null, null));
        scopes.add(Scope.of(null, null, ledger.region, null, null));
        scopes.add(Scope.of(null, null, ledger.region, ledger.districts.get(2), null));

        int metricsWithSuccesses = 0;
        for (Scope scope : scopes) {
            assertThat(EquityAggregateQuery.answers(EquityAggregates.ENTRANTS, scope, now, List.of())).isTrue();
            PathwayEntryQuery.EntrantCounts fromStudents = entrants.countFromStudents(scope, now);
            EquityAggregateQuery.Counts preAggregated = aggregates.count(EquityAggregates.ENTRANTS, scope);
            assertThat(fromStudents.total()).as("entrants in %s", scope).isGreaterThan(20);
            assertThat(preAggregated.population()).as("entrants in %s", scope).isEqualTo(fromStudents.total());
            for (Dimension dimension : Dimension.values()) {
                Map<String, Long> expected = new TreeMap<>(fromStudents.byDimension().get(dimension));
                Map<String, Long> actual = new TreeMap<>();
                preAggregated.byDimension().get(dimension).forEach((group, cell) -> actual.put(group, cell[0]));
                assertThat(actual).as("entrants by %s in %s", dimension, scope).isEqualTo(expected);
            }
            for (OutcomeMetric metric : EquityAggregates.metrics()) {
                OutcomeQuery.Counts expected = outcomes.countFromStudents(metric, scope, now, List.of());
                EquityAggregateQuery.Counts actual = aggregates.count(metric.id(), scope);
                assertThat(actual.population()).as("%s population in %s", metric, scope).isEqualTo(expected.population());
                assertThat(actual.successes()).as("%s successes in %s", metric, scope).isEqualTo(expected.successes());
                if (expected.successes() > 0) {
                    metricsWithSuccesses++;
                }
                for (Dimension dimension : Dimension.values()) {
                    assertThat(cells(actual.byDimension().get(dimension))).as("%s by %s in %s", metric, dimension, scope)
                            .isEqualTo(cells(expected.byDimension().get(dimension)));
                }
                // And the query the API makes (no asOf, no school, no intersection) takes the pre-aggregated path.
                assertThat(outcomes.count(metric, scope, now, List.of()).population()).isEqualTo(expected.population());
            }
        }
        // The dataset exercises the metrics: nearly all of them have successes somewhere.
        assertThat(metricsWithSuccesses).isGreaterThan(scopes.size() * (EquityAggregates.metrics().size() - 2));
    }

    @Test
    void a_pre_aggregated_metric_is_published_with_linked_metrics_that_need_no_pass_over_the_students() {
        // "Now", a metric's answer is published together with its linked metrics (SharedCounts): each must be
        // pre-aggregated too, or derived from pre-aggregated counts (4S1, below), or the answer costs seconds at 1M.
        for (OutcomeMetric metric : EquityAggregates.metrics()) {
            for (OutcomeMetric linked : org.pathwaysledger.analytics.outcome.SharedCounts.linkedTo(metric)) {
                assertThat(EquityAggregates.covers(linked.id()) || linked == OutcomeMetric.PERKINS_4S1)
                        .as("%s is published with %s", metric, linked).isTrue();
            }
        }
    }

    @Test
    void perkins_4s1_population_now_is_the_concentrator_rates_successes_in_nontraditional_pathways() {
        // What the concentrator rate's answer needs of Perkins 4S1, published with it (the concentrators they share), read
        // from the pre-aggregated counts instead of the student-level rows. One pathway in a nontraditional field for
        // women (CIP 11: computer science, on the default list), one in a traditional field, the others without CIP.
        OutcomeQuery outcomes = service.context.getBean(OutcomeQuery.class);
        org.springframework.jdbc.core.simple.JdbcClient jdbc = service.context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        Instant now = AsOf.parse(null);
        String nontraditional = ledger.pathways.get(0);
        String traditional = ledger.pathways.get(1);
        Map<String, String> before = new java.util.HashMap<>();
        for (String pathway : List.of(nontraditional, traditional)) {
            before.put(pathway, jdbc.sql("select cip_code from catalogue_pathway where pathway_id = :pathway").param("pathway", pathway)
                    .query(String.class).optional().orElse(null));
        }
        try {
            jdbc.sql("update catalogue_pathway set cip_code = '11.0101' where pathway_id = :pathway").param("pathway", nontraditional).update();
            jdbc.sql("update catalogue_pathway set cip_code = '52.0201' where pathway_id = :pathway").param("pathway", traditional).update();
            List<Scope> scopes = new ArrayList<>();
            for (String pathway : List.of(nontraditional, traditional)) {
                scopes.add(Scope.of(pathway, null, null, null, null));
                scopes.add(Scope.of(pathway, null, null, ledger.districts.get(1), null));
            }
            scopes.add(Scope.of(null, ledger.sector, null, null, null));
            scopes.add(Scope.of(null, null, ledger.region, null, null));
            scopes.add(Scope.of(null, null, ledger.region, ledger.districts.get(2), null));
            for (Scope scope : scopes) {
                OutcomeQuery.Counts expected = outcomes.countFromStudents(OutcomeMetric.PERKINS_4S1, scope, now, List.of());
                OutcomeQuery.Counts derived = outcomes.countLinked(OutcomeMetric.PERKINS_4S1, scope, now, List.of());
                assertThat(derived.population()).as("4S1 population in %s", scope).isEqualTo(expected.population());
                for (Dimension dimension : Dimension.values()) {
                    Map<String, Long> populations = new TreeMap<>();
                    expected.byDimension().get(dimension).forEach((group, cell) -> {
                        if (cell[0] > 0) {
                            populations.put(group, cell[0]);
                        }
                    });
                    Map<String, Long> derivedPopulations = new TreeMap<>();
                    derived.byDimension().get(dimension).forEach((group, cell) -> derivedPopulations.put(group, cell[0]));
                    assertThat(derivedPopulations).as("4S1 population by %s in %s", dimension, scope).isEqualTo(populations);
                }
            }
            assertThat(outcomes.countFromStudents(OutcomeMetric.PERKINS_4S1, Scope.of(nontraditional, null, null, null, null), now, List.of())
                    .population()).isGreaterThan(10);
            assertThat(outcomes.countLinked(OutcomeMetric.PERKINS_4S1, Scope.of(traditional, null, null, null, null), now, List.of())
                    .population()).isZero();
        } finally {
            before.forEach((pathway, cip) -> jdbc.sql("update catalogue_pathway set cip_code = :cip where pathway_id = :pathway")
                    .param("cip", cip).param("pathway", pathway).update());
        }
    }

    @Test
    void counts_kept_batch_by_batch_equal_a_recomputation_from_scratch() throws Exception {
        String snapshot = "select metric, pathway_id, district_id, dimension, group_code, population, successes from equity_count "
                + "where pathway_id like 'AGG-%' and population <> 0 order by 1, 2, 3, 4, 5";
        try (Connection connection = service.context.getBean(DataSource.class).getConnection()) {
            connection.setAutoCommit(false);
            List<String> incremental = rows(connection, snapshot);
            EquityAggregates.recomputeAll(connection);
            List<String> recomputed = rows(connection, snapshot);
            connection.rollback();
            assertThat(incremental).hasSizeGreaterThan(100).isEqualTo(recomputed);
            // The recomputation is the set-wise form, and it covers every pre-aggregated metric.
            assertThat(EquityAggregates.SetWise.complete()).isTrue();
        }
    }

    /**
     * A rebuild recomputes the counts in parts on several connections at once (students split by a hash of their id):
     * the sums of the parts are the counts kept batch by batch, each student counted once, and the parts' table is gone.
     */
    @Test
    void counts_recomputed_in_parts_on_several_connections_equal_the_counts_kept_batch_by_batch() throws Exception {
        String snapshot = "select metric, pathway_id, district_id, dimension, group_code, population, successes from equity_count "
                + "where pathway_id like 'AGG-%' and population <> 0 order by 1, 2, 3, 4, 5";
        DataSource dataSource = service.context.getBean(DataSource.class);
        List<String> incremental;
        try (Connection connection = dataSource.getConnection()) {
            incremental = rows(connection, snapshot);
        }
        EquityAggregates.recomputeAllInParallel(dataSource, 3);
        try (Connection connection = dataSource.getConnection()) {
            assertThat(rows(connection, snapshot)).hasSizeGreaterThan(100).isEqualTo(incremental);
            try (var statement = connection.createStatement();
                 var parts = statement.executeQuery("select to_regclass('" + EquityAggregates.PARTS + "') is null")) {
                parts.next();
                assertThat(parts.getBoolean(1)).as("the parts' table dropped").isTrue();
            }
        }
    }

    @Test
    void as_of_a_past_date_school_narrowing_and_intersections_keep_the_student_level_path() {
        Scope region = Scope.of(null, null, ledger.region, null, null);
        assertThat(EquityAggregateQuery.answers("concentrator-rate", region, AsOf.parse("2025-01-01"), List.of())).isFalse();
        assertThat(EquityAggregateQuery.answers("concentrator-rate", Scope.of(null, null, ledger.region, ledger.districts.get(0), "HS-A"),
                AsOf.parse(null), List.of())).isFalse();
        assertThat(EquityAggregateQuery.answers("concentrator-rate", region, AsOf.parse(null), List.of(List.of(Dimension.SEX, Dimension.FOSTER)))).isFalse();
        assertThat(EquityAggregateQuery.answers("perkins-1s1", region, AsOf.parse(null), List.of())).as("depends on today's date").isFalse();
    }

    private static Map<String, List<Long>> cells(Map<String, long[]> cells) {
        Map<String, List<Long>> plain = new TreeMap<>();
        cells.forEach((group, cell) -> {
            if (cell[0] != 0 || cell[1] != 0) {
                plain.put(group, List.of(cell[0], cell[1]));
            }
        });
        return plain;
    }

    private static List<String> rows(Connection connection, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (var statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= 7; i++) {
                    row.append(result.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
