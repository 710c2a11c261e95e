package org.pathwaysledger.infrastructure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server (zonky embedded binaries) on loopback, for machines where none is configured.
 * It is a real server process, not an emulation: every SQL feature the services use behaves as in production.
 */
public final class LocalPostgres implements AutoCloseable {

    static final String DATABASE = "pathways";

    private final EmbeddedPostgres server;
    private final String jdbcUrl;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
        this.jdbcUrl = server.getJdbcUrl("postgres", DATABASE);
    }

    public static LocalPostgres start() {
        try {
            Path dataDirectory = Files.createTempDirectory("pathways-postgres-");
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    // Three services, each with its own pool, plus tests and the demo loader.
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            createDatabase(server);
            return new LocalPostgres(server);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL server: " + e.getMessage(), e);
        }
    }

    private static void createDatabase(EmbeddedPostgres server) throws SQLException {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet existing = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (existing.next()) {
                    return;
                }
            }
            statement.execute("create database " + DATABASE);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return "postgres";
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new IllegalStateException("Could not stop the embedded PostgreSQL server", e);
        }
    }
}
