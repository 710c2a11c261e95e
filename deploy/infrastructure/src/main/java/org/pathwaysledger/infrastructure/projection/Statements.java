package org.pathwaysledger.infrastructure.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Runs one parameterised statement on a projection's transaction. */
public final class Statements {

    private Statements() {
    }

    public static int execute(Connection transaction, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = transaction.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
