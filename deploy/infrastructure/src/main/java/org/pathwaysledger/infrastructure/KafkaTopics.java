package org.pathwaysledger.infrastructure;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Creates a topic with its intended partition count if it does not exist yet; any service may call it first. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    public static void ensure(String bootstrapServers, String topic, int partitions, short replicationFactor) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            // The topic is the source every read model is rebuilt from: keep every event.
            NewTopic newTopic = new NewTopic(topic, partitions, replicationFactor).configs(Map.of("retention.ms", "-1"));
            admin.createTopics(java.util.List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create Kafka topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating Kafka topic " + topic, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within 30 s while creating topic " + topic, e);
        }
    }
}
