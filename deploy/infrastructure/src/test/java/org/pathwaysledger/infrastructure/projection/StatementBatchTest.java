package org.pathwaysledger.infrastructure.projection;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.infrastructure.PlatformInfrastructure;
import org.postgresql.ds.PGSimpleDataSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A projection's statements leave the same rows whether they go as JDBC batches or, in {@link StatementBatch#copying}
 * mode, by COPY through a staging table: keyed upserts meeting their key again, {@code cast(? as jsonb)}
 * placeholders, nulls, timestamps (as {@code Timestamp} or {@code Instant}), dates (as {@code Date} or
 * {@code LocalDate}), decimals and text with tabs, newlines, backslashes and other scripts. Real PostgreSQL.
 */
class StatementBatchTest {

    static PGSimpleDataSource dataSource;

    private static final String UPSERT = """
            insert into batch_test.%s (district_id, student_id, entry_date, recorded_at, credits, note, detail, passed)
            values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)
            on conflict (district_id, student_id) do update set
                entry_date = least(%s.entry_date, excluded.entry_date), recorded_at = excluded.recorded_at,
                credits = excluded.credits, note = excluded.note, detail = excluded.detail, passed = excluded.passed""";
    private static final String DELETE = "delete from batch_test.%s where district_id = ? and student_id = ?";

    @BeforeAll
    static void server() throws Exception {
        var postgres = PlatformInfrastructure.postgres(name -> null);
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl());
        dataSource.setUser(postgres.username());
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("create schema if not exists batch_test");
            for (String table : List.of("by_batches", "by_copy", "by_batches_java_time", "by_copy_java_time")) {
                ddl.execute("drop table if exists batch_test." + table);
                ddl.execute("create table batch_test." + table + " (district_id text, student_id text, entry_date date,"
                        + " recorded_at timestamptz, credits numeric(6,2), note text, detail jsonb, passed boolean,"
                        + " primary key (district_id, student_id))");
            }
        }
    }

    @Test
    void copying_leaves_the_same_rows_as_batches() throws Exception {
        Random random = new Random(42);
        List<Object[]> operations = new ArrayList<>();
        String[] notes = {"plain", "tab\there", "line\nbreak", "back\\slash", "quote ' \" done", "Ñandú 学生 🎓", "", null};
        for (int i = 0; i < 3_000; i++) {
            // Keys meet again (a pending key sends its run first) and are deleted, within and across COPY runs.
            String student = random.nextInt(60) == 0 && i > 0 ? (String) operations.get(random.nextInt(i))[2] : "S" + random.nextInt(100_000);
            if (random.nextInt(150) == 0) {
                operations.add(new Object[]{"delete", "D1", student});
                continue;
            }
            String note = notes[random.nextInt(notes.length)];
            String detail = note == null ? null : "{\"note\":\"" + note.replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n").replace("\t", "\\t") + "\",\"n\":" + i + "}";
            operations.add(new Object[]{"upsert", "D1", student,
                    Date.valueOf(LocalDate.of(2020, 1, 1).plusDays(random.nextInt(1_500))),
                    Timestamp.from(Instant.ofEpochSecond(1_700_000_000L + random.nextInt(10_000_000), random.nextInt(1_000_000_000))),
                    random.nextBoolean() ? null : new BigDecimal(random.nextInt(2_000)).movePointLeft(2),
                    note, detail, random.nextBoolean()});
        }
        assertThat(apply("by_batches", operations, false)).isZero();
        assertThat(apply("by_copy", operations, true)).as("rows sent by COPY").isGreaterThan(2_000);

        List<String> batches = rows("by_batches");
        List<String> copied = rows("by_copy");
        assertThat(batches).hasSizeGreaterThan(500);
        assertThat(copied).containsExactlyElementsOf(batches);
        assertThat(String.join("\n", copied)).contains("Ñandú 学生 🎓").contains("tab\there").contains("line\nbreak").contains("back\\slash");

        // The same operations with the dates and instants given as LocalDate and Instant: the same rows either way.
        List<Object[]> javaTime = new ArrayList<>();
        for (Object[] operation : operations) {
            Object[] converted = operation.clone();
            for (int i = 0; i < converted.length; i++) {
                if (converted[i] instanceof Date date) {
                    converted[i] = date.toLocalDate();
                } else if (converted[i] instanceof Timestamp timestamp) {
                    converted[i] = timestamp.toInstant();
                }
            }
            javaTime.add(converted);
        }
        assertThat(apply("by_batches_java_time", javaTime, false)).isZero();
        assertThat(apply("by_copy_java_time", javaTime, true)).isGreaterThan(2_000);
        assertThat(rows("by_batches_java_time")).containsExactlyElementsOf(batches);
        assertThat(rows("by_copy_java_time")).containsExactlyElementsOf(batches);
    }

    @Test
    void the_staging_table_is_kept_by_the_connection_and_holds_nothing_between_uses() throws Exception {
        String table = "by_stage";
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("drop table if exists batch_test." + table);
            ddl.execute("create table batch_test." + table + " (district_id text, student_id text, entry_date date,"
                    + " recorded_at timestamptz, credits numeric(6,2), note text, detail jsonb, passed boolean,"
                    + " primary key (district_id, student_id))");
            connection.setAutoCommit(false);
            // Two batches on one transaction copy into the same table (as a projection's two streams may): the second
            // must not meet the first one's staged rows again.
            copyNotes(connection, table, 0, 30, "A");
            copyNotes(connection, table, 0, 25, "B");
            connection.commit();
            // A rolled-back transaction leaves nothing staged for the next one on the same connection.
            copyNotes(connection, table, 100, 130, "rolled back");
            connection.rollback();
            copyNotes(connection, table, 200, 225, "C");
            connection.commit();

            String stage = StatementBatch.stageName("batch_test." + table, "district_id, student_id, entry_date, recorded_at, credits, note, detail, passed");
            try (ResultSet kept = ddl.executeQuery("select count(*) from pg_temp." + stage)) {
                assertThat(kept.next()).isTrue();
                assertThat(kept.getLong(1)).as("the connection's staging table, empty after the commit").isZero();
            }
            connection.commit();
        }
        List<String> notes = rows(table).stream().map(row -> row.split("\\|")[1] + "=" + row.split("\\|")[5]).toList();
        assertThat(notes).hasSize(55);
        assertThat(notes).filteredOn(note -> note.endsWith("=B")).hasSize(25);
        assertThat(notes).filteredOn(note -> note.endsWith("=A")).hasSize(5).allMatch(note -> note.compareTo("S025") >= 0);
        assertThat(notes).filteredOn(note -> note.endsWith("=C")).hasSize(25);
        assertThat(notes).noneMatch(note -> note.contains("rolled back"));

        assertThat(StatementBatch.stageName("analytics.t", "a, b")).as("other columns, another staging table")
                .isNotEqualTo(StatementBatch.stageName("analytics.t", "a, b, c"))
                .isEqualTo(StatementBatch.stageName("analytics.t", "a,b"))
                .matches("[a-z_][a-z0-9_]*").hasSizeLessThanOrEqualTo(63);
        assertThat(StatementBatch.stageName("a_very_long_schema_name_for_a_rebuild_copy.a_very_long_table_name_indeed", "x"))
                .hasSizeLessThanOrEqualTo(63);
    }

    /** Upserts students {@code from} (inclusive) to {@code to} with the note, in one copying batch of the open transaction. */
    private static void copyNotes(Connection connection, String table, int from, int to, String note) throws Exception {
        StatementBatch batch = new StatementBatch(connection).copying(20);
        try (batch) {
            for (int i = from; i < to; i++) {
                String student = "S%03d".formatted(i);
                batch.addUpsert(UPSERT.formatted(table, table), List.of("D1", student), "D1", student, LocalDate.of(2024, 8, 15),
                        Instant.parse("2024-08-15T00:00:00Z"), null, note, null, true);
            }
        }
        assertThat(batch.copiedRows).as("sent by COPY").isEqualTo(to - from);
    }

    /** Applies the operations in one transaction; answers how many rows went by COPY. */
    private static long apply(String table, List<Object[]> operations, boolean copying) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            StatementBatch batch = copying ? new StatementBatch(connection).copying(20) : new StatementBatch(connection);
            try (batch) {
                for (Object[] operation : operations) {
                    if (operation[0].equals("delete")) {
                        batch.add(DELETE.formatted(table), operation[1], operation[2]);
                    } else {
                        Object[] parameters = java.util.Arrays.copyOfRange(operation, 1, operation.length);
                        batch.addUpsert(UPSERT.formatted(table, table), List.of(operation[1], operation[2]), parameters);
                    }
                }
            }
            connection.commit();
            return batch.copiedRows;
        }
    }

    private static List<String> rows(String table) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement query = connection.createStatement();
             ResultSet result = query.executeQuery("select district_id, student_id, entry_date, recorded_at, credits, note, detail::text, passed"
                     + " from batch_test." + table + " order by district_id, student_id")) {
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= 8; column++) {
                    row.append(result.getString(column)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
