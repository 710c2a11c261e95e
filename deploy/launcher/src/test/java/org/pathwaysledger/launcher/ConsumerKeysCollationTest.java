package org.pathwaysledger.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.SchoolId;
import org.pathwaysledger.events.value.StudentId;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.events.wire.PublishedJson;
import org.pathwaysledger.events.wire.Topics;
import org.pathwaysledger.infrastructure.KafkaTopics;
import org.pathwaysledger.infrastructure.PlatformInfrastructure;
import org.pathwaysledger.infrastructure.projection.EventProjection;
import org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4: after each read-model service's migrations (the very ones the analytics rebuild runs into its fresh
 * {@code analytics_v<N>} copy), the consumer's id-only keys compare in the "C" collation, and the consumer still
 * applies a redelivered event once: the de-duplication against {@code processed_event}'s key in that collation holds.
 * No platform started: a schema is migrated from each service's migrations on the test's own database.
 */
class ConsumerKeysCollationTest {

    static PGSimpleDataSource dataSource;
    static String bootstrap;
    final ObjectMapper json = PublishedJson.mapper();

    @BeforeAll
    static void servers() {
        var postgres = PlatformInfrastructure.postgres();
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl());
        dataSource.setUser(postgres.username());
        dataSource.setPassword(postgres.password());
        bootstrap = PlatformInfrastructure.kafkaBootstrapServers();
    }

    @ParameterizedTest
    @ValueSource(strings = {"analytics", "query"})
    void the_consumer_keys_compare_in_the_c_collation_and_a_redelivered_event_is_applied_once(String service) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String schema = "keys_" + service + "_" + suffix;
        Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/" + service).load().migrate();

        assertThat(collation(schema, "processed_event", "event_id")).isEqualTo("C");
        assertThat(collation(schema, "consumer_offset", "consumer_group")).isEqualTo("C");
        assertThat(collation(schema, "consumer_offset", "topic")).isEqualTo("C");
        assertThat(collation(schema, "rejected_event", "topic")).isEqualTo("C");
        // What the collation is not for: free text keeps the database's default.
        assertThat(collation(schema, "rejected_event", "reason")).isEqualTo("default");

        // A deliberately non-idempotent projection: an event applied twice shows as a second row.
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("create table " + schema + ".applied (event_id varchar(64), student_id varchar(64))");
        }
        EventProjection append = (tx, envelope, event) -> {
            try (PreparedStatement insert = tx.prepareStatement("insert into " + schema + ".applied values (?, ?)")) {
                insert.setString(1, envelope.eventId());
                insert.setString(2, envelope.studentId());
                insert.executeUpdate();
            }
        };
        String district = "KEYS-" + suffix;
        String group = "keys-test-" + schema;
        startAtTheEndOfTheTopics(schema, group);
        String duplicateId = UUID.randomUUID().toString();
        String twice = envelope(district, "S1", duplicateId);
        // One key, so one partition, in this order: once S3's row is there, every delivery before it was read.
        publish(district + "/S1", List.of(twice, envelope(district, "S2", UUID.randomUUID().toString()), twice));
        try (TransactionalEventConsumer consumer = new TransactionalEventConsumer(bootstrap, group, schema, dataSource, append, 100).start()) {
            await(() -> rows(schema, "S2") == 1);
            // The redelivery in a later poll too, after its id was committed.
            publish(district + "/S1", List.of(twice, envelope(district, "S3", UUID.randomUUID().toString())));
            await(() -> rows(schema, "S3") == 1);
            assertThat(consumer.status().duplicatesSkipped()).isGreaterThanOrEqualTo(2);
        }
        assertThat(rows(schema, "S1")).isEqualTo(1);
        assertThat(count("select count(*) from " + schema + ".processed_event where event_id = ?", duplicateId)).isEqualTo(1);
        // A lookup by id can use the key in its collation (seq scans off: the table is tiny, the question is whether it can).
        assertThat(plan("explain select 1 from " + schema + ".processed_event where event_id = '" + duplicateId + "'"))
                .contains("processed_event_pkey");
    }

    /** The consumer resumes from the offsets stored with its data: store the topics' ends, so it skips other tests' events. */
    private void startAtTheEndOfTheTopics(String schema, String group) throws Exception {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(), new StringDeserializer());
             Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into " + schema
                     + ".consumer_offset (consumer_group, topic, partition, next_offset) values (?, ?, ?, ?)")) {
            KafkaTopics.ensure(bootstrap, Topics.STUDENT_EVENTS, Topics.STUDENT_EVENTS_PARTITIONS, (short) 1);
            KafkaTopics.ensure(bootstrap, Topics.REGION_EVENTS, Topics.REGION_EVENTS_PARTITIONS, (short) 1);
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.STUDENT_EVENTS, Topics.REGION_EVENTS)) {
                consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            for (var end : consumer.endOffsets(partitions).entrySet()) {
                insert.setString(1, group);
                insert.setString(2, end.getKey().topic());
                insert.setInt(3, end.getKey().partition());
                insert.setLong(4, end.getValue());
                insert.executeUpdate();
            }
        }
    }

    private void publish(String key, List<String> values) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(Topics.STUDENT_EVENTS, key, value)).get();
            }
        }
    }

    private String envelope(String district, String student, String eventId) throws Exception {
        var event = new StudentEnrolledInPathway(DistrictId.of(district), StudentId.of(student), PathwayId.of("P1"),
                SchoolId.of("HS1"), LocalDate.of(2025, 8, 20), 1, EventSource.api("test"));
        return json.writeValueAsString(new EventEnvelope(eventId, "StudentEnrolledInPathway", "1", null, district, student, 1,
                Instant.parse("2025-08-20T10:00:00Z"), json.valueToTree(event)));
    }

    private String collation(String schema, String table, String column) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select c.collname from pg_attribute a join pg_class t on t.oid = a.attrelid join pg_namespace n on n.oid = t.relnamespace "
                        + "join pg_collation c on c.oid = a.attcollation where n.nspname = ? and t.relname = ? and a.attname = ?")) {
            select.setString(1, schema);
            select.setString(2, table);
            select.setString(3, column);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String plan(String explain) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("set enable_seqscan = off");
            try (ResultSet result = statement.executeQuery(explain)) {
                while (result.next()) {
                    plan.append(result.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }

    private long rows(String schema, String student) {
        return count("select count(*) from " + schema + ".applied where student_id = ?", student);
    }

    private long count(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
