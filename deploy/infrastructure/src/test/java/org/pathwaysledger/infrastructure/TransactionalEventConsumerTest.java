package org.pathwaysledger.infrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.SchoolId;
import org.pathwaysledger.events.value.StudentId;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.events.wire.PublishedJson;
import org.pathwaysledger.events.wire.Topics;
import org.pathwaysledger.infrastructure.projection.ProjectionStatus;
import org.pathwaysledger.infrastructure.projection.EventProjection;
import org.pathwaysledger.infrastructure.projection.InMemoryProcessedIds;
import org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer every read model uses: a redelivered event (same id, new offset) is applied once, a restarted consumer
 * resumes from the offsets stored with its data, and a message that breaks the contract is kept aside, not lost.
 */
class TransactionalEventConsumerTest {

    static PGSimpleDataSource dataSource;
    static String bootstrap;
    final ObjectMapper json = PublishedJson.mapper();

    @BeforeAll
    static void servers() throws Exception {
        var postgres = PlatformInfrastructure.postgres(name -> null);
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl());
        dataSource.setUser(postgres.username());
        bootstrap = PlatformInfrastructure.kafkaBootstrapServers(name -> null);
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("create schema if not exists consumer_test");
            ddl.execute("create table if not exists consumer_test.consumer_offset (consumer_group varchar(200), topic varchar(200), partition integer, next_offset bigint, primary key (consumer_group, topic, partition))");
            ddl.execute("create table if not exists consumer_test.processed_event (event_id varchar(64) primary key, processed_at timestamptz default now())");
            ddl.execute("create table if not exists consumer_test.rejected_event (topic varchar(200), partition integer, kafka_offset bigint, message text, reason text, rejected_at timestamptz default now(), primary key (topic, partition, kafka_offset))");
            ddl.execute("create table if not exists consumer_test.entry (district_id text, student_id text, pathway_id text, applied integer)");
        }
    }

    /** A deliberately non-idempotent projection: a double application would show as a second row. */
    static final EventProjection APPEND_ENTRY = (tx, envelope, event) -> {
        StudentEnrolledInPathway enrolled = (StudentEnrolledInPathway) event;
        try (PreparedStatement insert = tx.prepareStatement("insert into consumer_test.entry values (?, ?, ?, 1)")) {
            insert.setString(1, enrolled.districtId().value());
            insert.setString(2, enrolled.studentId().value());
            insert.setString(3, enrolled.pathwayId().value());
            insert.executeUpdate();
        }
    };

    @Test
    void redelivered_events_are_applied_once_and_a_restart_resumes_where_the_data_says() throws Exception {
        String district = "C-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "consumer-test-" + district;
        String first = envelope(district, "S1", UUID.randomUUID().toString());
        String duplicateId = UUID.randomUUID().toString();
        String second = envelope(district, "S2", duplicateId);
        publish(district + "/S1", first);
        publish(district + "/S2", second);
        publish(district + "/S2", second);
        publish(district + "/S3", "{not json at all");

        try (TransactionalEventConsumer consumer = new TransactionalEventConsumer(bootstrap, group, "consumer_test", dataSource, APPEND_ENTRY, 100).start()) {
            // (Other tests' redeliveries on the shared topic count too: at least this one.)
            // The bad message may sit on another partition than the good ones: wait for it too before stopping.
            await(() -> rows(district) == 2 && consumer.status().duplicatesSkipped() >= 1 && rejectedMessages("{not json at all") == 1);
            ProjectionStatus status = consumer.status();
            assertThat(status.eventsApplied()).isGreaterThanOrEqualTo(2);
            assertThat(status.lastEventOccurredAt()).isEqualTo(Instant.parse("2025-08-20T10:00:00Z"));
        }
        assertThat(rejectedMessages("{not json at all")).isEqualTo(1);

        publish(district + "/S4", envelope(district, "S4", UUID.randomUUID().toString()));
        try (TransactionalEventConsumer restarted = new TransactionalEventConsumer(bootstrap, group, "consumer_test", dataSource, APPEND_ENTRY, 100).start()) {
            await(() -> rows(district) == 3);
            Thread.sleep(1_000);
            assertThat(restarted.status().eventsApplied()).isEqualTo(1);
        }
        assertThat(rows(district)).isEqualTo(3);
        assertThat(rejectedMessages("{not json at all")).isEqualTo(1);
    }

    /** A read model switched under the consumer (its stored offsets changed) is followed: it continues from them. */
    @Test
    void after_exclusive_work_changes_the_stored_offsets_the_consumer_continues_from_them() throws Exception {
        String district = "X-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "consumer-test-" + district;
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        publish(district + "/S1", envelope(district, "S1", ids.get(0)));
        publish(district + "/S2", envelope(district, "S2", ids.get(1)));
        try (TransactionalEventConsumer consumer = new TransactionalEventConsumer(bootstrap, group, "consumer_test", dataSource, APPEND_ENTRY, 100).start()) {
            await(() -> rows(district) == 2);
            // As a switch to a freshly built copy would: the data and the processed ids go, the offsets start over.
            consumer.exclusively(() -> {
                try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                    statement.execute("delete from consumer_test.entry where district_id = '" + district + "'");
                    statement.execute("delete from consumer_test.processed_event where event_id in ('" + ids.get(0) + "', '" + ids.get(1) + "')");
                    statement.execute("update consumer_test.consumer_offset set next_offset = 0 where consumer_group = '" + group + "'");
                }
            });
            await(() -> rows(district) == 2);
            Thread.sleep(1_000);
            assertThat(rows(district)).isEqualTo(2);
        }
    }

    /**
     * A rebuild's fresh copy: duplicates found in memory (in one poll and across polls) are applied once, the ids are
     * written without the primary key, and the key built afterwards holds every applied id once.
     */
    @Test
    void building_a_fresh_copy_the_in_memory_ids_skip_redeliveries_in_a_poll_and_across_polls() throws Exception {
        String district = "M-" + UUID.randomUUID().toString().substring(0, 8);
        String schema = freshCopy(district);
        String duplicateId = UUID.randomUUID().toString();
        String twice = envelope(district, "S1", duplicateId);
        // One key, so one partition in this order: once the last event's row is there, the redeliveries were read.
        publish(district + "/S1", twice);
        publish(district + "/S1", twice);
        publish(district + "/S1", envelope(district, "S2", UUID.randomUUID().toString()));
        InMemoryProcessedIds ids = new InMemoryProcessedIds(schema, 1_000);
        try (TransactionalEventConsumer consumer = new TransactionalEventConsumer(bootstrap, "consumer-test-" + district, schema,
                dataSource, APPEND_ENTRY, 100).processedIdsInMemory(ids).start()) {
            await(() -> rows(district, "S2") == 1);
            assertThat(rows(district)).isEqualTo(2);
            publish(district + "/S1", twice);
            publish(district + "/S1", envelope(district, "S3", UUID.randomUUID().toString()));
            await(() -> rows(district, "S3") == 1);
        }
        assertThat(rows(district)).isEqualTo(3);
        assertThat(ids.overflowed()).isFalse();
        assertThat(hasPrimaryKey(schema)).isFalse();
        ids.ensurePrimaryKey(dataSource);
        assertThat(hasPrimaryKey(schema)).isTrue();
        assertThat(count("select count(*) from " + schema + ".processed_event where event_id = ?", duplicateId)).isEqualTo(1);
    }

    /** Past its capacity the in-memory set gives way to the database: primary key built, redeliveries still skipped. */
    @Test
    void past_the_in_memory_capacity_the_database_de_duplicates_including_ids_copied_before() throws Exception {
        String district = "F-" + UUID.randomUUID().toString().substring(0, 8);
        String schema = freshCopy(district);
        String firstId = UUID.randomUUID().toString();
        String first = envelope(district, "S1", firstId);
        publish(district + "/S1", first);
        // Room for the first poll's ids (this test's events and the earlier tests' on the topic), not for many more.
        InMemoryProcessedIds ids = new InMemoryProcessedIds(schema, (int) topicSize() + 1);
        try (TransactionalEventConsumer consumer = new TransactionalEventConsumer(bootstrap, "consumer-test-" + district, schema,
                dataSource, APPEND_ENTRY, 1_000).processedIdsInMemory(ids).start()) {
            await(() -> rows(district) == 1);
            assertThat(ids.overflowed()).isFalse();
            publish(district + "/S1", envelope(district, "S2", UUID.randomUUID().toString()));
            publish(district + "/S1", first);
            publish(district + "/S1", envelope(district, "S3", UUID.randomUUID().toString()));
            await(() -> rows(district, "S3") == 1);
        }
        assertThat(ids.overflowed()).isTrue();
        assertThat(hasPrimaryKey(schema)).isTrue();
        assertThat(rows(district)).isEqualTo(3);
        assertThat(count("select count(*) from " + schema + ".processed_event where event_id = ?", firstId)).isEqualTo(1);
    }

    /**
     * The consumer reads the next poll while it writes the current one: a batch that fails is retried, and nothing
     * polled after it is written before it, however many polls are read ahead meanwhile.
     */
    @Test
    void a_failing_batch_is_retried_and_nothing_polled_after_it_is_written_before_it() throws Exception {
        String district = "R-" + UUID.randomUUID().toString().substring(0, 8);
        java.util.concurrent.atomic.AtomicBoolean databaseRefuses = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();
        EventProjection refusingS1 = (tx, envelope, event) -> {
            if (district.equals(envelope.districtId()) && "S1".equals(envelope.studentId()) && databaseRefuses.get()) {
                refusals.incrementAndGet();
                throw new java.sql.SQLException("the database refuses this batch for now");
            }
            APPEND_ENTRY.apply(tx, envelope, event);
        };
        // One key, so one partition in this order; one event per poll, so the later ones are separate polls.
        publishAll(List.of(envelope(district, "S1", UUID.randomUUID().toString()), envelope(district, "S2", UUID.randomUUID().toString()),
                envelope(district, "S3", UUID.randomUUID().toString())), district + "/S1");
        String group = "consumer-test-" + district;
        try (TransactionalEventConsumer consumer = new TransactionalEventConsumer(bootstrap, group, "consumer_test", dataSource, refusingS1, 1).start()) {
            await(() -> refusals.get() >= 2);
            assertThat(rows(district)).isZero();
            databaseRefuses.set(false);
            await(() -> rows(district, "S3") == 1 && storedOffsets(group) == topicSizeQuietly());
            assertThat(consumer.status().running()).isTrue();
        }
        assertThat(rows(district)).isEqualTo(3);
    }

    /**
     * A second consumer joining the group takes partitions over from the stored offsets: the poll the first one had
     * read ahead is applied before it gives them up, so every event is applied once and none is skipped.
     */
    @Test
    void when_partitions_move_to_another_consumer_every_event_is_applied_once() throws Exception {
        String district = "B-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "consumer-test-" + district;
        int students = 300;
        List<String> envelopes = new java.util.ArrayList<>();
        for (int i = 0; i < students; i++) {
            envelopes.add(envelope(district, "S" + i, UUID.randomUUID().toString()));
        }
        publishAll(envelopes, null);
        // Slow enough that the second consumer joins while the first is in the middle of the topic.
        EventProjection slowly = (tx, envelope, event) -> {
            APPEND_ENTRY.apply(tx, envelope, event);
            sleepQuietly(10);
        };
        try (TransactionalEventConsumer first = new TransactionalEventConsumer(bootstrap, group, "consumer_test", dataSource, slowly, 10).start()) {
            await(() -> rows(district) >= 20);
            try (TransactionalEventConsumer second = new TransactionalEventConsumer(bootstrap, group, "consumer_test", dataSource, slowly, 10).start()) {
                await(() -> storedOffsets(group) == topicSizeQuietly());
                assertThat(second.status().eventsApplied()).isPositive();
            }
        }
        assertThat(rows(district)).isEqualTo(students);
        assertThat(count("select count(distinct student_id) from consumer_test.entry where district_id = ?", district)).isEqualTo(students);
    }

    private long storedOffsets(String group) {
        return count("select coalesce(sum(next_offset), 0) from consumer_test.consumer_offset where consumer_group = ? and topic = '"
                + Topics.STUDENT_EVENTS + "'", group);
    }

    private long topicSizeQuietly() {
        try {
            return topicSize();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** With one producer; each under {@code key}, or its own district/student key when null (spread over the partitions). */
    private void publishAll(List<String> values, String key) throws Exception {
        KafkaTopics.ensure(bootstrap, Topics.STUDENT_EVENTS, Topics.STUDENT_EVENTS_PARTITIONS, (short) 1);
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (String value : values) {
                sent.add(producer.send(new ProducerRecord<>(Topics.STUDENT_EVENTS, key != null ? key : UUID.randomUUID().toString(), value)));
            }
            for (var future : sent) {
                future.get();
            }
        }
    }

    /** A schema like a rebuild's fresh copy: the consumer's tables, processed_event without its primary key. */
    private String freshCopy(String district) throws Exception {
        String schema = "fresh_" + district.toLowerCase().replace('-', '_');
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("create schema " + schema);
            ddl.execute("create table " + schema + ".consumer_offset (like consumer_test.consumer_offset including all)");
            ddl.execute("create table " + schema + ".processed_event (like consumer_test.processed_event including all)");
            ddl.execute("create table " + schema + ".rejected_event (like consumer_test.rejected_event including all)");
            InMemoryProcessedIds.dropPrimaryKey(connection, schema);
        }
        assertThat(hasPrimaryKey(schema)).isFalse();
        return schema;
    }

    private boolean hasPrimaryKey(String schema) {
        return count("select count(*) from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace "
                + "where n.nspname = ? and t.relname = 'processed_event' and c.contype = 'p'", schema) == 1;
    }

    private long topicSize() throws Exception {
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(
                Map.of(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.StringDeserializer())) {
            var partitions = consumer.partitionsFor(Topics.STUDENT_EVENTS).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(info.topic(), info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private String envelope(String district, String student, String eventId) throws Exception {
        var event = new StudentEnrolledInPathway(DistrictId.of(district), StudentId.of(student), PathwayId.of("P1"),
                SchoolId.of("HS1"), LocalDate.of(2025, 8, 20), 1, EventSource.api("test"));
        return json.writeValueAsString(new EventEnvelope(eventId, "StudentEnrolledInPathway", "1", null, district, student, 1,
                Instant.parse("2025-08-20T10:00:00Z"), json.valueToTree(event)));
    }

    private void publish(String key, String value) throws Exception {
        KafkaTopics.ensure(bootstrap, Topics.STUDENT_EVENTS, Topics.STUDENT_EVENTS_PARTITIONS, (short) 1);
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.STUDENT_EVENTS, key, value)).get();
        }
    }

    private long rows(String district) {
        return count("select count(*) from consumer_test.entry where district_id = ?", district);
    }

    private long rows(String district, String student) {
        return count("select count(*) from consumer_test.entry where district_id = '" + district + "' and student_id = ?", student);
    }

    private long rejectedMessages(String message) {
        return count("select count(*) from consumer_test.rejected_event where message = ?", message);
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

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
