package org.pathwaysledger.infrastructure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where a service (or a test) finds its PostgreSQL and Kafka.
 *
 * <p>The configured servers win: {@code PATHWAYS_POSTGRES_URL} (with {@code PATHWAYS_POSTGRES_USER} and
 * {@code PATHWAYS_POSTGRES_PASSWORD}) and {@code PATHWAYS_KAFKA_BOOTSTRAP}, as environment variables or as the
 * system properties {@code pathways.postgres.url} etc. Otherwise a real embedded PostgreSQL and a real in-process
 * KRaft broker are started once per JVM, on loopback, and shared by every service in that JVM.
 */
public final class PlatformInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(PlatformInfrastructure.class);

    private static LocalPostgres localPostgres;
    private static LocalKafka localKafka;
    private static boolean shutdownHookInstalled;

    private PlatformInfrastructure() {
    }

    public record PostgresEndpoint(String jdbcUrl, String username, String password, boolean embedded) {
    }

    /** The PostgreSQL to use, reading settings through {@code lookup} (property name to value). */
    public static synchronized PostgresEndpoint postgres(Function<String, String> lookup) {
        Optional<String> configured = setting(lookup, "pathways.postgres.url");
        if (configured.isPresent()) {
            return new PostgresEndpoint(configured.get(),
                    setting(lookup, "pathways.postgres.user").orElse("postgres"),
                    setting(lookup, "pathways.postgres.password").orElse(""), false);
        }
        if (localPostgres == null) {
            long started = System.nanoTime();
            localPostgres = LocalPostgres.start();
            installShutdownHook();
            log.info("Started embedded PostgreSQL on 127.0.0.1:{} in {} ms", localPostgres.port(), (System.nanoTime() - started) / 1_000_000);
        }
        return new PostgresEndpoint(localPostgres.jdbcUrl(), localPostgres.username(), "", true);
    }

    /** The Kafka bootstrap servers to use, reading settings through {@code lookup}. */
    public static synchronized String kafkaBootstrapServers(Function<String, String> lookup) {
        Optional<String> configured = setting(lookup, "pathways.kafka.bootstrap");
        if (configured.isPresent()) {
            return configured.get();
        }
        if (localKafka == null) {
            long started = System.nanoTime();
            localKafka = LocalKafka.start();
            installShutdownHook();
            log.info("Started embedded Kafka (KRaft) on {} in {} ms", localKafka.bootstrapServers(), (System.nanoTime() - started) / 1_000_000);
        }
        return localKafka.bootstrapServers();
    }

    public static PostgresEndpoint postgres() {
        return postgres(PlatformInfrastructure::fromSystem);
    }

    public static String kafkaBootstrapServers() {
        return kafkaBootstrapServers(PlatformInfrastructure::fromSystem);
    }

    /** System property first, then the environment variable of the same name in upper snake case. */
    static String fromSystem(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(property.toUpperCase().replace('.', '_').replace('-', '_'));
        }
        return value;
    }

    private static Optional<String> setting(Function<String, String> lookup, String property) {
        return Optional.ofNullable(lookup.apply(property)).filter(value -> !value.isBlank());
    }

    private static void installShutdownHook() {
        if (shutdownHookInstalled) {
            return;
        }
        shutdownHookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(PlatformInfrastructure::stopEmbedded, "pathways-infrastructure-stop"));
    }

    /** Stops whatever embedded servers this JVM started. */
    public static synchronized void stopEmbedded() {
        if (localKafka != null) {
            localKafka.close();
            localKafka = null;
        }
        if (localPostgres != null) {
            localPostgres.close();
            localPostgres = null;
        }
    }
}
