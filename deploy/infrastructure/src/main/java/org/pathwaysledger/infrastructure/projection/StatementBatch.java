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
 */
public final class StatementBatch implements AutoCloseable {

    private static final int MAX_PENDING = 2_000;
    private static final String ANY_TABLE = "";
    private static final Pattern TARGET = Pattern.compile("^\\s*(?:insert\\s+into|update|delete\\s+from)\\s+([\\w.]+)",
            Pattern.CASE_INSENSITIVE);

    private final Connection transaction;
    private final boolean perTable;
    private final Map<String, PreparedStatement> prepared = new LinkedHashMap<>();
    private final Map<String, String> tableOf = new HashMap<>();
    /** The pending batch of each table (one entry, {@link #ANY_TABLE}, when the order is global). */
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    private static final class Pending {
        PreparedStatement statement;
        int count;
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
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        statement.addBatch();
        table.statement = statement;
        if (++table.count >= MAX_PENDING) {
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

    private static void flush(Pending table) throws SQLException {
        if (table.statement != null && table.count > 0) {
            table.statement.executeBatch();
        }
        table.statement = null;
        table.count = 0;
        table.keys.clear();
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
