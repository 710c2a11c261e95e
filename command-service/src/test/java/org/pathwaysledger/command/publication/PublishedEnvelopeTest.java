package org.pathwaysledger.command.publication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.region.RegionEvent;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.student.StudentEvent;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.events.wire.PublishedEventTypes;
import org.pathwaysledger.events.wire.PublishedJson;
import org.pathwaysledger.events.wire.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher sends the stored JSON as it is instead of reading each event into its record and writing it again.
 * What a consumer receives must not change: every envelope, its key and its topic are compared with what the
 * publisher sent before (the event read back from the event store, then written by the published JSON settings),
 * for events stored by commands and for an event of an older revision that is upcasted on the way out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=command-service")
class PublishedEnvelopeTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    final ObjectMapper published = PublishedJson.mapper();

    @Test
    void stored_and_upcasted_events_are_published_exactly_as_before() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String region = "R-ENV-" + suffix;
        String district = "D-ENV-" + suffix;
        put("/api/v1/regions/" + region, "{\"name\": \"Envelope region\"}");
        put("/api/v1/regions/" + region + "/members/" + district, "{\"kind\": \"K12_DISTRICT\"}");
        put("/api/v1/regions/" + region + "/pathways/HEALTH", "{\"name\": \"Health\"}");
        put("/api/v1/districts/" + district + "/students/S1", """
                {"birth_date": "2010-02-03", "school_id": "HS1", "grade_level": "09", "sex": "F", "hispanic": "Y",
                 "races": "WHITE;BLACK", "english_learner": "Y", "effective_date": "2025-08-15", "first_name": "Zoë"}""");
        post("/api/v1/districts/" + district + "/students/S1/pathway-enrollments",
                "{\"pathway_id\": \"HEALTH\", \"school_id\": \"HS1\", \"entry_date\": \"2025-08-20\"}");
        post("/api/v1/districts/" + district + "/students/S1/course-completions", """
                {"course_id": "BIO-1", "school_year": "2025-26", "term": "FY", "pathway_id": "HEALTH", "credits_earned": "5.0",
                 "mark": "A"}""");
        // An enrolment of revision 1, as the event store holds those recorded before pathway versions existed.
        String oldStudent = district + "/S-OLD";
        ObjectNode revision1;
        try (InputStream in = getClass().getResourceAsStream("/upcasting/StudentEnrolledInPathway.rev1.json")) {
            revision1 = (ObjectNode) published.readTree(in);
        }
        revision1.put("districtId", district).put("studentId", "S-OLD");
        jdbc.update("""
                        insert into events.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                                               payload_type, payload_revision, payload, meta_data)
                        values (?, ?, 0, 'Student', '2024-08-21T16:05:00.120Z', ?, '1', ?, ?)""",
                UUID.randomUUID().toString(), oldStudent, StudentEnrolledInPathway.class.getName(),
                revision1.toString().getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));

        List<DomainEventMessage<?>> stored = new java.util.ArrayList<>();
        for (String aggregate : List.of(region, district + "/S1", oldStudent)) {
            eventStore.readEvents(aggregate).asStream().forEach(stored::add);
        }
        assertThat(stored).extracting(message -> message.getPayloadType().getSimpleName()).contains(
                "RegionMemberAdded", "StudentRegistered", "StudentEnrolledInPathway", "CourseCompleted");

        Map<String, ConsumerRecord<String, String>> sent = awaitPublished(stored.stream().map(DomainEventMessage::getIdentifier).toList());
        for (DomainEventMessage<?> message : stored) {
            PublishedEvent event = (PublishedEvent) message.getPayload();
            ConsumerRecord<String, String> record = sent.get(message.getIdentifier());
            assertThat(record).as("published %s", message.getIdentifier()).isNotNull();
            assertThat(record.topic()).isEqualTo(PublishedEventTypes.topicOf(event));
            assertThat(record.key()).isEqualTo(event.partitionKey());
            assertThat(published.readTree(record.value())).as(record.value()).isEqualTo(asPublishedBefore(message, event));
            assertThat(published.readValue(record.value(), EventEnvelope.class).occurredAt()).isEqualTo(message.getTimestamp());
        }
        JsonNode upcasted = published.readTree(sent.get(stored.get(stored.size() - 1).getIdentifier()).value());
        assertThat(upcasted.get("revision").asText()).isEqualTo("2");
        assertThat(upcasted.get("payload").get("pathwayVersion").asInt()).isEqualTo(1);
        assertThat(upcasted.get("occurredAt").asText()).isEqualTo("2024-08-21T16:05:00.120Z");
    }

    /** The envelope as the publisher wrote it before: the event record itself, written with the published JSON settings. */
    private JsonNode asPublishedBefore(DomainEventMessage<?> message, PublishedEvent event) throws Exception {
        Revision revision = event.getClass().getAnnotation(Revision.class);
        Outgoing envelope = new Outgoing(message.getIdentifier(), PublishedEventTypes.nameOf(event),
                revision == null ? null : revision.value(),
                event instanceof RegionEvent regionEvent ? regionEvent.regionId().value() : null,
                event instanceof StudentEvent studentEvent ? studentEvent.districtId().value() : null,
                event instanceof StudentEvent studentEvent ? studentEvent.studentId().value() : null,
                message.getSequenceNumber(), message.getTimestamp(), event);
        return published.readTree(published.writeValueAsString(envelope));
    }

    /** The publisher's envelope before it sent the stored JSON: {@link EventEnvelope}'s fields, with the event record as payload. */
    private record Outgoing(String eventId, String eventType, String revision, String regionId, String districtId,
                            String studentId, long sequence, java.time.Instant occurredAt, PublishedEvent payload) {
    }

    private Map<String, ConsumerRecord<String, String>> awaitPublished(List<String> eventIds) throws Exception {
        Map<String, ConsumerRecord<String, String>> found = new HashMap<>();
        try (KafkaConsumer<String, String> topics = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "envelope-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            topics.subscribe(List.of(Topics.STUDENT_EVENTS, Topics.REGION_EVENTS));
            long deadline = System.currentTimeMillis() + 30_000;
            while (!found.keySet().containsAll(eventIds) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : topics.poll(Duration.ofMillis(250))) {
                    String eventId = published.readTree(record.value()).path("eventId").asText();
                    if (eventIds.contains(eventId)) {
                        found.put(eventId, record);
                    }
                }
            }
        }
        return found;
    }

    private void put(String path, String body) {
        send(HttpMethod.PUT, path, body);
    }

    private void post(String path, String body) {
        send(HttpMethod.POST, path, body);
    }

    private void send(HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        var answer = http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
        assertThat(answer.getStatusCode().value()).as(path + ": " + answer.getBody()).isEqualTo(HttpStatus.ACCEPTED.value());
    }
}
