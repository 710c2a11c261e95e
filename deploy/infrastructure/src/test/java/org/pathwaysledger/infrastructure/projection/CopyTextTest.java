package org.pathwaysledger.infrastructure.projection;

import org.junit.jupiter.api.Test;
import org.pathwaysledger.infrastructure.PlatformInfrastructure;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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
 * Rows written as COPY text by hand land in PostgreSQL exactly as the same values bound by the JDBC driver (what the
 * serving projections do): instants with any nanoseconds (rounded to microseconds half up, across second, day and year
 * boundaries, before 1970, in other session time zones), dates, escaped and non-ASCII text, numbers, booleans, nulls.
 * (Dates from the Gregorian calendar on, 1600 to 9999: before it {@code java.sql.Date} and the driver switch calendars.)
 */
class CopyTextTest {

    @Test
    void bytea_values_land_byte_for_byte() throws Exception {
        var postgres = PlatformInfrastructure.postgres();
        Random random = new Random(11);
        List<byte[]> values = new ArrayList<>();
        values.add(new byte[0]);
        values.add(null);
        byte[] every = new byte[256];
        for (int i = 0; i < 256; i++) {
            every[i] = (byte) i;
        }
        values.add(every);
        values.add("{\"a\":\"tab\\there\\n\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int i = 0; i < 200; i++) {
            byte[] value = new byte[random.nextInt(2_000)];
            random.nextBytes(value);
            values.add(value);
        }
        CopyText text = new CopyText(16);
        for (int i = 0; i < values.size(); i++) {
            text.number(i).bytea(values.get(i)).endRow();
        }
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
             Statement statement = connection.createStatement()) {
            statement.execute("create temporary table copy_bytea (id integer, v bytea)");
            text.copyInto(connection, "copy_bytea (id, v)");
            try (ResultSet rows = statement.executeQuery("select id, v from copy_bytea order by id")) {
                int read = 0;
                while (rows.next()) {
                    assertThat(rows.getBytes(2)).as("row %d", rows.getInt(1)).isEqualTo(values.get(rows.getInt(1)));
                    read++;
                }
                assertThat(read).isEqualTo(values.size());
            }
        }
    }

    @Test
    void copied_rows_equal_the_same_values_bound_by_the_driver() throws Exception {
        var postgres = PlatformInfrastructure.postgres();
        Random random = new Random(3);
        List<Object[]> rows = new ArrayList<>();
        List<Instant> edges = List.of(Instant.parse("1999-12-31T23:59:59.9999995Z"), Instant.parse("1999-12-31T23:59:59.9999994Z"),
                Instant.parse("1969-12-31T23:59:59.999999500Z"), Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2024-02-29T12:00:00.000000500Z"),
                Instant.parse("1600-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999Z"), Instant.parse("1900-03-01T00:00:00.5Z"));
        String[] texts = {"plain", "tab\there", "new\nline", "back\\slash", "cr\rhere", "é à ü", "日本語", "emoji \uD83D\uDE00 ok", "", "\\N", "a\\tb"};
        for (int i = 0; i < 3_000; i++) {
            Instant instant = i < edges.size() ? edges.get(i)
                    : Instant.ofEpochSecond(random.nextLong(-11_000_000_000L, 253_000_000_000L), random.nextInt(1_000_000_000));
            LocalDate date = LocalDate.ofEpochDay(random.nextLong(-130_000, 2_900_000));
            String text = random.nextInt(10) == 0 ? null : texts[random.nextInt(texts.length)] + random.nextInt(100);
            long number = random.nextInt(5) == 0 ? Long.MIN_VALUE + random.nextInt(3) : random.nextLong();
            BigDecimal decimal = random.nextInt(8) == 0 ? null : BigDecimal.valueOf(random.nextLong(-99_999_999, 99_999_999), 2);
            rows.add(new Object[] {i, instant, date, text, number, decimal, random.nextBoolean(), random.nextInt(6) == 0 ? null : random.nextInt()});
        }
        for (String zone : List.of("UTC", "America/Los_Angeles", "Asia/Kolkata")) {
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
                 Statement statement = connection.createStatement()) {
                statement.execute("set timezone to '" + zone + "'");
                for (String table : List.of("copy_text_bound", "copy_text_copied")) {
                    statement.execute("create temporary table " + table + " (id integer, t timestamptz, d date, s varchar(200), n bigint, "
                            + "m numeric(12, 2), b boolean, i integer)");
                }
                try (PreparedStatement insert = connection.prepareStatement("insert into copy_text_bound values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (Object[] row : rows) {
                        insert.setInt(1, (Integer) row[0]);
                        insert.setTimestamp(2, Timestamp.from((Instant) row[1]));
                        insert.setDate(3, Date.valueOf((LocalDate) row[2]));
                        insert.setObject(4, row[3]);
                        insert.setLong(5, (Long) row[4]);
                        insert.setObject(6, row[5]);
                        insert.setBoolean(7, (Boolean) row[6]);
                        insert.setObject(8, row[7]);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                CopyText copy = new CopyText(64);
                for (Object[] row : rows) {
                    copy.number((long) (Integer) row[0]).instant((Instant) row[1]).date((LocalDate) row[2]).text((String) row[3])
                            .number((Long) row[4]).decimal((BigDecimal) row[5]).bool((Boolean) row[6]).number((Integer) row[7]).endRow();
                }
                assertThat(copy.rows()).isEqualTo(rows.size());
                copy.copyInto(connection, "copy_text_copied");
                assertThat(copy.isEmpty()).isTrue();
                List<String> differences = new ArrayList<>();
                try (ResultSet row = statement.executeQuery("select id, cast(bound as text), cast(copied as text) from copy_text_bound bound "
                        + "full join copy_text_copied copied using (id) where cast(bound as text) is distinct from cast(copied as text) order by 1")) {
                    while (row.next()) {
                        differences.add(row.getString(2) + " <> " + row.getString(3));
                    }
                }
                assertThat(differences).as("in time zone %s", zone).isEmpty();
                try (ResultSet count = statement.executeQuery("select count(*) from copy_text_copied")) {
                    count.next();
                    assertThat(count.getLong(1)).isEqualTo(rows.size());
                }
            }
        }
    }
}
