package org.pathwaysledger.infrastructure.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameterised statements of a projection, sent to PostgreSQL in JDBC batches instead of one round trip each.
 *
 * <p>Order is kept: consecutive statements with the same SQL go in one batch, and a different statement first sends
 * what is pending. A replay of many events of one kind (the common case) thus becomes a few large batches, while an
 * enrolment followed by its retraction is still applied in that order.
 *
 * <p>With the driver's {@code reWriteBatchedInserts} a batch of inserts becomes multi-row inserts. PostgreSQL refuses
 * an {@code insert ... on conflict do update} that meets the same key twice in one statement, so such upserts are
 * added with their conflict key ({@link #addUpsert}): a key already pending sends the pending batch first.
 */
public final class StatementBatch implements AutoCloseable {

    private static final int MAX_PENDING = 2_000;

    private final Connection transaction;
    private final Map<String, PreparedStatement> prepared = new LinkedHashMap<>();
    private PreparedStatement pending;
    private int pendingCount;
    private final java.util.Set<Object> pendingKeys = new java.util.HashSet<>();

    public StatementBatch(Connection transaction) {
        this.transaction = transaction;
    }

    /** An {@code insert ... on conflict (key) do update}: never two rows with the same {@code key} in one batch. */
    public void addUpsert(String sql, Object key, Object... parameters) throws SQLException {
        if (prepared.get(sql) == pending && pendingKeys.contains(key)) {
            flush();
        }
        add(sql, parameters);
        if (pending != null) {
            pendingKeys.add(key);
        }
    }

    public void add(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = transaction.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        if (statement != pending) {
            flush();
        }
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        statement.addBatch();
        pending = statement;
        if (++pendingCount >= MAX_PENDING) {
            flush();
        }
    }

    /** Sends what is pending. */
    public void flush() throws SQLException {
        if (pending != null && pendingCount > 0) {
            pending.executeBatch();
        }
        pending = null;
        pendingCount = 0;
        pendingKeys.clear();
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
