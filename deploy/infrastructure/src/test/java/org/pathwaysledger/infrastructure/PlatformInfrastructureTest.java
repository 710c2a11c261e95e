package org.pathwaysledger.infrastructure;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformInfrastructureTest {

    @Test
    void without_configuration_a_real_postgresql_server_answers_sql() throws Exception {
        var postgres = PlatformInfrastructure.postgres(name -> null);

        assertThat(postgres.embedded()).isTrue();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
             ResultSet version = connection.createStatement().executeQuery("show server_version")) {
            version.next();
            assertThat(version.getString(1)).startsWith("17.");
        }
    }

    /**
     * The embedded server is sized for bulk writes and compares text byte by byte: the order of text stays code point
     * order (what C.UTF-8 gave), including upper before lower case and letters beyond ASCII, and case mapping of
     * letters beyond ASCII still works.
     */
    @Test
    void the_embedded_server_sorts_text_in_code_point_order_by_bytes_and_keeps_case_mapping() throws Exception {
        var postgres = PlatformInfrastructure.postgres(name -> null);
        List<String> words = new ArrayList<>(List.of("école", "Zoë", "zebra", "Ángel", "angel", "S-10", "S-9", "s-1", "Øyvind", "李"));
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
             var statement = connection.createStatement()) {
            try (ResultSet settings = statement.executeQuery("select datcollate, current_setting('wal_level'), current_setting('shared_buffers') "
                    + "from pg_database where datname = current_database()")) {
                settings.next();
                assertThat(settings.getString(1)).isEqualTo("C");
                assertThat(settings.getString(2)).isEqualTo("minimal");
                assertThat(settings.getString(3)).isEqualTo("512MB");
            }
            var select = connection.prepareStatement("select w from unnest(cast(? as text[])) w order by w");
            select.setArray(1, connection.createArrayOf("text", words.toArray()));
            List<String> sorted = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sorted.add(rows.getString(1));
                }
            }
            List<String> byCodePoint = new ArrayList<>(words);
            byCodePoint.sort((a, b) -> java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
            assertThat(sorted).isEqualTo(byCodePoint).startsWith("S-10", "S-9", "Zoë", "angel");
            // Case mapping follows the environment's LC_CTYPE (C.UTF-8 here and in CI): beyond ASCII where it is UTF-8.
            try (ResultSet upper = statement.executeQuery("select upper('école øyvind'), datctype from pg_database where datname = current_database()")) {
                upper.next();
                String ctype = upper.getString(2).toLowerCase();
                assertThat(upper.getString(1)).isEqualTo(ctype.contains("utf-8") || ctype.contains("utf8") ? "ÉCOLE ØYVIND" : "éCOLE øYVIND");
            }
        }
    }

    @Test
    void configured_postgresql_wins_over_the_embedded_one() {
        var postgres = PlatformInfrastructure.postgres(Map.of(
                "pathways.postgres.url", "jdbc:postgresql://db.example.internal:5432/pathways",
                "pathways.postgres.user", "ledger")::get);

        assertThat(postgres.embedded()).isFalse();
        assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.internal:5432/pathways");
        assertThat(postgres.username()).isEqualTo("ledger");
    }

    @Test
    void without_configuration_a_real_kafka_broker_delivers_what_is_produced() {
        String bootstrap = PlatformInfrastructure.kafkaBootstrapServers(name -> null);
        KafkaTopics.ensure(bootstrap, "infrastructure-check", 3, (short) 1);
        KafkaTopics.ensure(bootstrap, "infrastructure-check", 3, (short) 1);

        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("infrastructure-check", "student-1", "enrolled")).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "infrastructure-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("infrastructure-check"));
            List<String> received = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.isEmpty() && System.currentTimeMillis() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                records.forEach(record -> received.add(record.key() + "=" + record.value()));
            }
            assertThat(received).containsExactly("student-1=enrolled");
        }
    }
}
