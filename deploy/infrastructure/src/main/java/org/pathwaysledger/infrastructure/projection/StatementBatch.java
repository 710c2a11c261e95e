package org.pathwaysledger.infrastructure.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parameterised statements of a projection, sent to PostgreSQL in JDBC batches instead of one round trip each.
 *
 * <p>Order is kept: consecutive statements with the same SQL go in one batch, and a different statement first sends
 * what is pending. A replay of many events of one kind thus becomes a few large batches, while an enrolment followed
 * by its retraction is still applied in that order.
 *
 * <p>{@link #perTable} keeps that order per target table only: for a projection whose statements each write one
 * table and read no other (keyed upserts, updates by key), statements on different tables commute, so each table has
 * its own pending batch. Events of a student arrive interleaved (registration, enrolment, status, credit, ...): kept
 * in one global order they would alternate statements and send one row per round trip; per table they stay long
 * batches, and only two different statements on the same table (an enrolment and a retraction of it) cut a batch.
 *
 * <p>With the driver's {@code reWriteBatchedInserts} a batch of inserts becomes multi-row inserts. PostgreSQL refuses
 * an {@code insert ... on conflict do update} that meets the same key twice in one statement, so such upserts are
 * added with their conflict key ({@link #addUpsert}): a key already pending sends the pending batch first.
 *
 * <p>{@link #copying} (for bulk loads such as a rebuild's catch-up): a large pending batch of an
 * {@code insert into t (columns) values (?, ...) [on conflict ...]} goes by COPY into a temporary staging table
 * and one {@code insert into t (columns) select ... [on conflict ...]}, the same statement applied to the same rows,
 * without binding every parameter of a multi-row insert. A placeholder may be {@code cast(? as type)}: the staging
 * table has the target's column types, so COPY reads the text as that type.
 *
 * <p>Dates and instants may be given as {@link java.time.LocalDate} and {@link java.time.Instant}: bound as
 * {@code java.sql.Date} and {@code Timestamp} in a JDBC batch, written directly by COPY (no {@code Calendar} work).
 */
public final class StatementBatch implements AutoCloseable {

    private static final int MAX_PENDING = 2_000;
    private static final int MAX_PENDING_COPYING = 50_000;
    /** A value placeholder COPY can fill: {@code ?}, or {@code cast(? as type)} (the staging column has the type). */
    private static final String PLACEHOLDER = "(?:\\?|cast\\s*\\(\\s*\\?\\s+as\\s+\\w+\\s*\\))";
    private static final Pattern COPYABLE = Pattern.compile(
            "^\\s*insert\\s+into\\s+([\\w.]+)\\s*\\(([^)]*)\\)\\s*values\\s*\\(\\s*" + PLACEHOLDER
                    + "(?:\\s*,\\s*" + PLACEHOLDER + ")*\\s*\\)(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final String ANY_TABLE = "";
    private static final Pattern TARGET = Pattern.compile("^\\s*(?:insert\\s+into|update|delete\\s+from)\\s+([\\w.]+)",
            Pattern.CASE_INSENSITIVE);

    private final Connection transaction;
    private final boolean perTable;
    /** Pending batches of at least this many rows go by COPY; 0: never. */
    private int copyFrom;
    private final Set<String> staged = new HashSet<>();
    /** Rows sent by COPY so far (tests). */
    long copiedRows;
    private final Map<String, PreparedStatement> prepared = new LinkedHashMap<>();
    private final Map<String, String> tableOf = new HashMap<>();
    /** The pending batch of each table (one entry, {@link #ANY_TABLE}, when the order is global). */
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    private static final class Pending {
        PreparedStatement statement;
        String sql;
        final java.util.List<Object[]> rows = new java.util.ArrayList<>();
        final Set<Object> keys = new HashSet<>();
    }

    /** Statements in one global order (any statement may read what an earlier one wrote). */
    public StatementBatch(Connection transaction) {
        this(transaction, false);
    }

    private StatementBatch(Connection transaction, boolean perTable) {
        this.transaction = transaction;
        this.perTable = perTable;
    }

    /**
     * Statements in order per target table only. Only for statements that each write one table ({@code insert into},
     * {@code update}, {@code delete from}) and read no other table.
     */
    public static StatementBatch perTable(Connection transaction) {
        return new StatementBatch(transaction, true);
    }

    /**
     * Sends large batches of plain inserts ({@code insert into t (columns) values (?, ...) [on conflict ...]}) by COPY
     * through a temporary staging table dropped at commit; other statements, and small batches, as before.
     */
    public StatementBatch copying(int fromRows) {
        this.copyFrom = fromRows;
        return this;
    }

    /** An {@code insert ... on conflict (key) do update}: never two rows with the same {@code key} in one batch. */
    public void addUpsert(String sql, Object key, Object... parameters) throws SQLException {
        PreparedStatement statement = statement(sql);
        Pending table = pending.get(tableOf.get(sql));
        if (table != null && table.statement == statement && table.keys.contains(key)) {
            flush(table);
        }
        add(sql, parameters);
        table = pending.get(tableOf.get(sql));
        if (table != null && table.statement == statement) {
            table.keys.add(key);
        }
    }

    public void add(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = statement(sql);
        Pending table = pending.computeIfAbsent(tableOf.get(sql), name -> new Pending());
        if (table.statement != statement) {
            flush(table);
        }
        table.rows.add(parameters);
        table.statement = statement;
        table.sql = sql;
        if (table.rows.size() >= (copyFrom > 0 ? MAX_PENDING_COPYING : MAX_PENDING)) {
            flush(table);
        }
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = transaction.prepareStatement(sql);
            prepared.put(sql, statement);
            tableOf.put(sql, perTable ? targetTable(sql) : ANY_TABLE);
        }
        return statement;
    }

    private static String targetTable(String sql) {
        Matcher target = TARGET.matcher(sql);
        if (!target.find()) {
            throw new IllegalArgumentException("A per-table statement batch takes insert, update and delete statements only: " + sql);
        }
        return target.group(1).toLowerCase(Locale.ROOT);
    }

    private void flush(Pending table) throws SQLException {
        if (table.statement != null && !table.rows.isEmpty()) {
            Matcher copyable = copyFrom > 0 && table.rows.size() >= copyFrom ? COPYABLE.matcher(table.sql) : null;
            if (copyable != null && copyable.matches()) {
                copy(copyable.group(1), copyable.group(2), copyable.group(3), table.rows);
            } else {
                for (Object[] parameters : table.rows) {
                    for (int i = 0; i < parameters.length; i++) {
                        table.statement.setObject(i + 1, jdbcValue(parameters[i]));
                    }
                    table.statement.addBatch();
                }
                table.statement.executeBatch();
            }
        }
        table.statement = null;
        table.sql = null;
        table.rows.clear();
        table.keys.clear();
    }

    /**
     * COPY into the table's staging copy (same column types, no constraints), then the insert's own statement from it.
     *
     * <p>The staging table is the connection's, kept across transactions ({@code on commit delete rows}): created by
     * the first batch on a connection, found by the next ones, so a poll no longer creates and drops a table (catalog
     * rows written and deleted, a file made and removed) per target table. Its name carries the target and the columns,
     * so a schema with other columns (a rebuild's newer version) gets its own (the same table and columns in another
     * schema share it: their types are the same migrations'). Emptied after each use by a delete (a
     * temporary table writes no WAL; the commit truncates it in place), where a truncate would give it a new file each
     * time; another batch on the same transaction may use it next.
     */
    private void copy(String table, String columns, String onConflict, java.util.List<Object[]> rows) throws SQLException {
        String stage = stageName(table, columns);
        try (java.sql.Statement statement = transaction.createStatement()) {
            if (staged.add(stage)) {
                statement.execute("create temporary table if not exists " + stage + " on commit delete rows as select " + columns + " from "
                        + table + " limit 0");
                statement.clearWarnings();
            }
            CopyText text = new CopyText(rows.size() * 128);
            for (Object[] row : rows) {
                for (Object value : row) {
                    copyValue(text, value);
                }
                text.endRow();
            }
            text.copyInto(transaction, stage + " (" + columns + ")");
            statement.execute("insert into " + table + " (" + columns + ") select " + columns + " from " + stage + " " + onConflict);
            copiedRows += rows.size();
            statement.execute("delete from " + stage);
        }
    }

    /** {@code stage_<table>_<hash of the columns>}: a plain identifier within PostgreSQL's 63 characters. */
    static String stageName(String table, String columns) {
        String base = "stage_" + table.replace('.', '_');
        String hash = Integer.toHexString((table + "(" + columns.replaceAll("\\s+", "") + ")").hashCode());
        return (base.length() > 54 ? base.substring(0, 54) : base) + "_" + hash;
    }

    /**
     * A parameter as it is bound: a {@link java.time.LocalDate} as a {@code java.sql.Date}, an {@link java.time.Instant}
     * as a {@code java.sql.Timestamp} (what the projections bound before they could pass either), anything else as given.
     * Converted only here, so a row sent by COPY is written from the {@code java.time} value directly.
     */
    private static Object jdbcValue(Object value) {
        if (value instanceof java.time.LocalDate date) {
            return java.sql.Date.valueOf(date);
        }
        if (value instanceof java.time.Instant instant) {
            return java.sql.Timestamp.from(instant);
        }
        return value;
    }

    /** A bound parameter in COPY's text format ({@link CopyText}: the driver's forms, e.g. instants rounded as it rounds them). */
    static void copyValue(CopyText text, Object value) {
        if (value == null) {
            text.nullValue();
        } else if (value instanceof Boolean flag) {
            text.bool(flag);
        } else if (value instanceof java.time.Instant instant) {
            text.instant(instant);
        } else if (value instanceof java.time.LocalDate date) {
            text.date(date);
        } else if (value instanceof java.sql.Timestamp timestamp) {
            text.instant(timestamp.toInstant());
        } else if (value instanceof java.sql.Date date) {
            text.date(date.toLocalDate());
        } else if (value instanceof java.math.BigDecimal decimal) {
            text.decimal(decimal);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            text.number(((Number) value).longValue());
        } else {
            text.text(value.toString());
        }
    }

    /** Sends what is pending. */
    public void flush() throws SQLException {
        for (Pending table : pending.values()) {
            flush(table);
        }
    }

    /** The transaction, for a statement that needs its result now: everything pending is sent first. */
    public Connection connection() throws SQLException {
        flush();
        return transaction;
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            for (PreparedStatement statement : prepared.values()) {
                statement.close();
            }
            prepared.clear();
        }
    }
}
