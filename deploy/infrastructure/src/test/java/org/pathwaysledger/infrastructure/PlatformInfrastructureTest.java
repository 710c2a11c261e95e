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
