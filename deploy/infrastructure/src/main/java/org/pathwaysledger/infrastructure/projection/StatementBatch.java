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
 */
public final class StatementBatch implements AutoCloseable {

    private static final int MAX_PENDING = 2_000;

    private final Connection transaction;
    private final Map<String, PreparedStatement> prepared = new LinkedHashMap<>();
    private PreparedStatement pending;
    private int pendingCount;

    public StatementBatch(Connection transaction) {
        this.transaction = transaction;
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
