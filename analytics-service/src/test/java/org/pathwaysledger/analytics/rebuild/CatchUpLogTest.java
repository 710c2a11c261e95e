package org.pathwaysledger.analytics.rebuild;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pathwaysledger.analytics.SyntheticLedger;
import org.pathwaysledger.analytics.aggregate.AnalyticsProjection;
import org.pathwaysledger.analytics.aggregate.EquityAggregates;
import org.pathwaysledger.events.wire.EnvelopeReader;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.events.wire.PublishedJson;
import org.pathwaysledger.infrastructure.PlatformInfrastructure;
import org.pathwaysledger.infrastructure.projection.EventProjection.Delivered;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Log, then fold" gives, table by table, the rows the serving projection leaves after the same events: random ledgers
 * with every case where the rules on a repeated key decide (corrections, retractions before, between and after
 * re-entries, entries again earlier or later, statuses reached again, credits earned again, facts published again
 * under a new id, two retractions of one fact, retractions delivered before their fact, pathway revisions, duplicate
 * deliveries), a student's events spread over many batches. The serving side applies them as its consumer does (in
 * delivery order, polls of random sizes, duplicates skipped by id, equity counts kept batch by batch); the log gets the
 * same records in batches written in a shuffled order, so only the records' positions can give the fold its order.
 * Then each fold rule changed in turn must be caught.
 */
class CatchUpLogTest {

    private static final int PARTITIONS = 6;
    private static final EnvelopeReader READER = new EnvelopeReader(PublishedJson.mapper());
    private static Connection connection;
    private static int schemas;

    @BeforeAll
    static void connect() throws SQLException {
        var postgres = PlatformInfrastructure.postgres();
        connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
        try (Statement statement = connection.createStatement()) {
            statement.execute("set timezone to 'UTC'");
        }
    }

    @AfterAll
    static void disconnect() throws SQLException {
        connection.close();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void the_folded_tables_equal_the_serving_projections_rows(long seed) throws Exception {
        List<Delivered> records = records("FLD" + seed, seed, 250);
        String serving = servingCopy(records, new Random(seed));
        String logged = loggedCopy(records, new Random(seed));
        Map<String, List<String>> expected = rows(serving);
        assertThat(expected.get("pathway_entrant")).hasSizeGreaterThan(100);
        assertThat(expected.get("pathway_entrant")).as("withdrawn entrants").anyMatch(row -> !row.endsWith(",)"));
        for (String table : CatchUpLog.TABLES) {
            assertThat(expected.get(table)).as("the ledger fills %s", table).isNotEmpty();
        }

        connection.setAutoCommit(false);
        try {
            setSchema(logged);
            CatchUpLog.fold(connection, logged);
            EquityAggregates.recomputeAll(connection);
            Map<String, List<String>> folded = rows(logged);
            for (String table : expected.keySet()) {
                assertThat(folded.get(table)).as(table).isEqualTo(expected.get(table));
            }
            // The keys and indexes are back, as the migrations made them.
            assertThat(indexes(logged)).isEqualTo(indexes(serving));
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    /**
     * The tables keyed by the event (demographics, postsecondary, wages) are first filled with every logged row as it
     * is, without their rule's sort; that is only right when no key was logged twice. The edge-case ledger republishes
     * some facts under a new id with the same sequence, so there the rule must take over (the test above); here,
     * without those, the rows as logged are kept, and equal the serving projection's too.
     */
    @Test
    void tables_keyed_by_the_event_keep_their_rows_as_logged_when_no_key_repeats_and_fall_back_to_their_rule_when_one_does() throws Exception {
        List<Delivered> withRepeats = records("FLR", 5, 120);
        List<Delivered> records = new ArrayList<>();
        Set<String> versions = new HashSet<>();
        for (Delivered delivered : withRepeats) {
            // Drops a fact republished under a new id with a sequence already delivered (a registration, a wage).
            if (versions.add(delivered.envelope().districtId() + "/" + delivered.envelope().studentId() + "/" + delivered.envelope().sequence())) {
                records.add(delivered);
            }
        }
        assertThat(records).as("the edge cases republish some sequences").hasSizeLessThan(withRepeats.size());
        List<String> keyedByEvent = List.of("student_demographics", "postsecondary_enrollment", "postsecondary_credential", "wage_record");
        for (List<Delivered> ledger : List.of(records, withRepeats)) {
            Map<String, List<String>> expected = rows(servingCopy(ledger, new Random(5)));
            String logged = loggedCopy(ledger, new Random(5));
            connection.setAutoCommit(false);
            try {
                setSchema(logged);
                Map<String, Boolean> byRule = new HashMap<>();
                CatchUpLog.fold(connection, logged).forEach(fold -> byRule.put(fold.table(), fold.byRuleAfterRepeatedKey()));
                Map<String, List<String>> folded = rows(logged);
                for (String table : CatchUpLog.TABLES) {
                    assertThat(folded.get(table)).as(table).isEqualTo(expected.get(table));
                }
                if (ledger == records) {
                    for (String table : keyedByEvent) {
                        assertThat(byRule.get(table)).as("%s kept as logged", table).isFalse();
                    }
                } else {
                    assertThat(byRule.get("student_demographics")).as("a registration republished with its sequence").isTrue();
                    assertThat(byRule.get("wage_record")).as("a wage republished with its sequence").isTrue();
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    @Test
    void changing_one_fold_rule_changes_its_table() throws Exception {
        List<Delivered> records = records("FLM", 77, 400);
        Map<String, List<String>> expected = rows(servingCopy(records, new Random(77)));
        String logged = loggedCopy(records, new Random(77));
        // table, the rule as written, the rule changed
        String[][] changes = {
                {"pathway_entrant", "min(entry_date) over earliest", "max(entry_date) over earliest"},
                {"pathway_entrant", "order by entry_date, ord", "order by entry_date, ord desc"},
                {"pathway_entrant", "first_value(recorded_at) over delivered", "last_value(recorded_at) over delivered"},
                {"pathway_entrant", "r.ord > f.since_ord", "r.ord > 0"},
                // A key logged once skips the windows: its row is its final row, only retractions after it count.
                {"pathway_entrant", "entry_date, entry_sequence, recorded_at, entry_sequence as match_sequence, ord as since_ord from (select l.*",
                        "entry_date + 1, entry_sequence, recorded_at, entry_sequence as match_sequence, ord as since_ord from (select l.*"},
                {"college_credit", "ord as since_ord from (select l.*", "0 as since_ord from (select l.*"},
                {"pathway_status", "min(reached_on) over d", "max(reached_on) over d"},
                {"pathway_status", "first_value(sequence) over d", "last_value(sequence) over d"},
                {"student_demographics", "sequence, ord", "sequence, ord desc"},
                {"college_credit", "max(ord) over d as last_ord", "min(ord) over d as last_ord"},
                {"college_credit", "r.ord > f.since_ord", "r.ord > 0"},
                {"wage_record", "sequence, ord)", "sequence, ord desc)"},
                {"wage_record", "r.ord desc", "r.ord"},
                {"catalogue_pathway", "ord desc", "ord"},
        };
        connection.setAutoCommit(false);
        try {
            for (String[] change : changes) {
                Map<String, String> statements = new LinkedHashMap<>(CatchUpLog.foldStatements());
                assertThat(statements.get(change[0])).as("the rule %s of %s", change[1], change[0]).contains(change[1]);
                statements.put(change[0], statements.get(change[0]).replace(change[1], change[2]));
                setSchema(logged);
                CatchUpLog.fold(connection, logged, statements);
                assertThat(rows(logged).get(change[0])).as("%s with %s instead of %s", change[0], change[2], change[1])
                        .isNotEqualTo(expected.get(change[0]));
                connection.rollback();
            }
            // And unchanged, the same statements give the serving rows (the changes above are what made them differ).
            setSchema(logged);
            CatchUpLog.fold(connection, logged);
            Map<String, List<String>> folded = rows(logged);
            for (String table : CatchUpLog.TABLES) {
                assertThat(folded.get(table)).as(table).isEqualTo(expected.get(table));
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    /**
     * The ledger's records as a consumer reads them: from their JSON, each at its position on the partition of its key,
     * duplicate deliveries skipped (the first delivery is applied). Delivery order is the publishing order.
     */
    private static List<Delivered> records(String prefix, long seed, int students) throws Exception {
        SyntheticLedger ledger = new SyntheticLedger(prefix, seed).withEdgeCases();
        ledger.generate(students);
        long[] offsets = new long[PARTITIONS];
        Set<String> seen = new HashSet<>();
        List<Delivered> records = new ArrayList<>();
        for (EventEnvelope envelope : ledger.deliveries()) {
            int partition = Math.floorMod(SyntheticLedger.keyOf(envelope).hashCode(), PARTITIONS);
            long offset = offsets[partition]++;
            var read = READER.read(PublishedJson.mapper().writeValueAsBytes(envelope));
            if (seen.add(read.envelope().eventId())) {
                records.add(new Delivered(read.envelope(), read.event(), Delivered.position(partition, offset)));
            }
        }
        return records;
    }

    /** A migrated schema fed by the serving projection, in delivery order, in polls of 1 to 300 records. */
    private static String servingCopy(List<Delivered> records, Random random) throws Exception {
        String schema = newSchema("serving");
        AnalyticsProjection projection = new AnalyticsProjection(false);
        connection.setAutoCommit(false);
        try {
            for (int from = 0; from < records.size(); ) {
                int to = Math.min(records.size(), from + 1 + random.nextInt(300));
                projection.applyBatch(connection, records.subList(from, to));
                connection.commit();
                from = to;
            }
        } finally {
            connection.setAutoCommit(true);
        }
        return schema;
    }

    /** A migrated schema with the staging tables, fed the same records in batches of 1 to 500 written in a shuffled order. */
    private static String loggedCopy(List<Delivered> records, Random random) throws Exception {
        String schema = newSchema("logged");
        CatchUpLog.createLogs(connection, schema);
        List<List<Delivered>> batches = new ArrayList<>();
        for (int from = 0; from < records.size(); ) {
            int to = Math.min(records.size(), from + 1 + random.nextInt(500));
            batches.add(records.subList(from, to));
            from = to;
        }
        Collections.shuffle(batches, random);
        CatchUpLog log = new CatchUpLog(false);
        connection.setAutoCommit(false);
        try {
            for (List<Delivered> batch : batches) {
                log.applyBatch(connection, batch);
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
        return schema;
    }

    private static String newSchema(String kind) throws SQLException {
        String schema = "fold_" + kind + "_" + ProcessHandle.current().pid() + "_" + (++schemas);
        var postgres = PlatformInfrastructure.postgres();
        Flyway.configure().dataSource(postgres.jdbcUrl(), postgres.username(), postgres.password()).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/analytics").load().migrate();
        setSchema(schema);
        EquityAggregates.ensureCurrent(connection);
        return schema;
    }

    private static void setSchema(String schema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set search_path to " + schema);
        }
    }

    /** Every row of every table the fold writes, and the non-zero equity counts, as text, sorted. */
    private static Map<String, List<String>> rows(String schema) throws SQLException {
        Map<String, List<String>> rows = new HashMap<>();
        List<String> tables = new ArrayList<>(CatchUpLog.TABLES);
        tables.add("equity_count");
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                String where = table.equals("equity_count") ? " where population <> 0 or successes <> 0" : "";
                List<String> lines = new ArrayList<>();
                try (ResultSet row = statement.executeQuery("select t::text from " + schema + "." + table + " t" + where + " order by 1")) {
                    while (row.next()) {
                        lines.add(row.getString(1));
                    }
                }
                rows.put(table, lines);
            }
        }
        return rows;
    }

    /** The indexes of the folded tables (name and definition, the schema left out). */
    private static List<String> indexes(String schema) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (var select = connection.prepareStatement("select indexname, replace(indexdef, schemaname || '.', '') from pg_indexes "
                + "where schemaname = ? and tablename = any(?) order by 1")) {
            select.setString(1, schema);
            select.setArray(2, connection.createArrayOf("varchar", CatchUpLog.TABLES.toArray()));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    indexes.add(row.getString(1) + " " + row.getString(2));
                }
            }
        }
        return indexes;
    }
}
