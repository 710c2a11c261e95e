package org.pathwaysledger.command.publication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command service alone, on real PostgreSQL and Kafka: a district's request becomes one stored event and one
 * Kafka record keyed by the student (published once); a repeated request becomes neither; a wrong one is answered field by field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=command-service")
class RegistrationToKafkaTest {

    static final String REGISTRATION = """
            {"birth_date": "2010-02-03", "school_id": "HS1", "grade_level": "09", "sex": "F", "hispanic": "Y",
             "races": "WHITE", "english_learner": "Y", "effective_date": "2025-08-15"}""";
    static final String ENROLLMENT = """
            {"pathway_id": "HEALTH", "school_id": "HS1", "entry_date": "2025-08-20"}""";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    static KafkaConsumer<String, String> topic;
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void noConsumerYet() {
        topic = null;
    }

    @AfterAll
    static void closeConsumer() {
        if (topic != null) {
            topic.close();
        }
    }

    @Test
    void a_registration_and_an_enrolment_are_stored_once_and_published_keyed_by_student() throws Exception {
        String district = "D-" + UUID.randomUUID().toString().substring(0, 8);
        String base = "/api/v1/districts/" + district + "/students/S1";
        assertThat(send(HttpMethod.PUT, "/api/v1/regions/R-TEST", "{\"name\": \"Test region\"}").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(send(HttpMethod.PUT, "/api/v1/regions/R-TEST/members/" + district, "{\"kind\": \"K12_DISTRICT\"}").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(send(HttpMethod.PUT, "/api/v1/regions/R-TEST/pathways/HEALTH", "{\"name\": \"Health\"}").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        ResponseEntity<JsonNode> registered = send(HttpMethod.PUT, base, REGISTRATION);
        ResponseEntity<JsonNode> enrolled = send(HttpMethod.POST, base + "/pathway-enrollments", ENROLLMENT);
        ResponseEntity<JsonNode> registeredAgain = send(HttpMethod.PUT, base, REGISTRATION);
        ResponseEntity<JsonNode> enrolledAgain = send(HttpMethod.POST, base + "/pathway-enrollments", ENROLLMENT);

        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(registered.getBody().get("recorded").asBoolean()).isTrue();
        assertThat(enrolled.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(registeredAgain.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(registeredAgain.getBody().get("recorded").asBoolean()).isFalse();
        assertThat(enrolledAgain.getBody().get("recorded").asBoolean()).isFalse();

        List<String> storedTypes = jdbc.queryForList(
                "select payload_type from events.domain_event_entry where aggregate_identifier = ? order by sequence_number",
                String.class, district + "/S1");
        assertThat(storedTypes).containsExactly(
                "org.pathwaysledger.events.student.StudentRegistered",
                "org.pathwaysledger.events.student.StudentEnrolledInPathway");

        List<ConsumerRecord<String, String>> published = awaitRecords(district + "/S1", 2);
        assertThat(published).extracting(ConsumerRecord::key).containsOnly(district + "/S1");
        assertThat(published).extracting(record -> record.partition()).hasSize(2).containsOnly(published.get(0).partition());
        JsonNode first = json.readTree(published.get(0).value());
        JsonNode second = json.readTree(published.get(1).value());
        assertThat(first.get("eventType").asText()).isEqualTo("StudentRegistered");
        assertThat(first.get("revision").asText()).isEqualTo("1");
        assertThat(first.get("payload").get("registration").get("cohortYear").asInt()).isEqualTo(2025);
        assertThat(second.get("eventType").asText()).isEqualTo("StudentEnrolledInPathway");
        assertThat(second.get("sequence").asLong()).isEqualTo(1);
        assertThat(second.get("payload").get("pathwayId").asText()).isEqualTo("HEALTH");
        assertThat(second.get("revision").asText()).isEqualTo("2");
        assertThat(second.get("payload").get("pathwayVersion").asInt()).isEqualTo(1);
    }

    @Test
    void the_publisher_runs_in_its_own_tracking_processor_only() {
        // Outside the commands' transactions, from the stored events (at least once), on one thread (in order).
        assertThat(processing.eventProcessorByProcessingGroup("kafka-publisher", TrackingEventProcessor.class)).isPresent();
        assertThat(processing.eventProcessors().values()).filteredOn(processor -> processor instanceof TrackingEventProcessor)
                .extracting(EventProcessor::getName).containsExactly("kafka-publisher");
    }

    @Test
    void every_invalid_field_is_named_with_its_value_and_the_fix() {
        ResponseEntity<JsonNode> answer = send(HttpMethod.PUT, "/api/v1/districts/D1/students/S-BAD", """
                {"birth_date": "03/02/2010", "school_id": "HS1", "grade_level": "13", "sex": "Q", "hispanic": "N",
                 "races": "Hisp", "english_learner": "maybe"}""");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        List<String> messages = new ArrayList<>();
        answer.getBody().get("errors").forEach(error -> messages.add(error.get("field").asText() + ": '" + error.get("value").asText() + "' " + error.get("problem").asText()));
        assertThat(messages).containsExactlyInAnyOrder(
                "birth_date: '03/02/2010' is not a date; use YYYY-MM-DD, e.g. 2025-08-20",
                "grade_level: '13' is not a grade level; use KG, 01 to 12, or AD for adult education",
                "sex: 'Q' is not a sex code; use F, M, X (non-binary) or U (not selected)",
                "races: 'Hisp' is not a race code; use AIAN, ASIAN, BLACK, NHPI, WHITE or MENA, and hispanic=Y for Hispanic or Latino",
                "english_learner: 'maybe' is not a flag; use Y or N (also true/false, 1/0)");
        assertThat(jdbc.queryForObject("select count(*) from events.domain_event_entry where aggregate_identifier = 'D1/S-BAD'", Long.class)).isZero();
    }

    @Test
    void enrolling_an_unregistered_student_is_refused_with_404_and_stores_nothing() {
        ResponseEntity<JsonNode> answer = send(HttpMethod.POST, "/api/v1/districts/D1/students/NOBODY/pathway-enrollments", ENROLLMENT);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getBody().get("detail").asText()).contains("D1/NOBODY is not registered; register the student first");
        assertThat(jdbc.queryForObject("select count(*) from events.domain_event_entry where aggregate_identifier = 'D1/NOBODY'", Long.class)).isZero();
    }

    @Test
    void hostile_and_malformed_requests_get_a_clear_error_and_no_stack_trace() {
        ResponseEntity<JsonNode> hostileId = send(HttpMethod.PUT, "/api/v1/districts/D1/students/S1'or'1'='1", REGISTRATION);
        ResponseEntity<JsonNode> notJson = send(HttpMethod.PUT, "/api/v1/districts/D1/students/S2", "{\"birth_date\": ");
        ResponseEntity<JsonNode> unknownField = send(HttpMethod.POST, "/api/v1/districts/D1/students/S2/pathway-enrollments",
                "{\"pathway\": \"HEALTH\", \"school_id\": \"HS1\", \"entry_date\": \"2025-08-20\"}");

        assertThat(hostileId.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(hostileId.getBody().get("detail").asText()).contains("student_id: 'S1'or'1'='1' is not a valid identifier");
        assertThat(notJson.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notJson.getBody().get("detail").asText()).contains("not valid JSON");
        assertThat(unknownField.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknownField.getBody().toString()).contains("pathway: is not a field of this request");
        for (ResponseEntity<JsonNode> answer : List.of(hostileId, notJson, unknownField)) {
            assertThat(answer.getBody().toString()).doesNotContain("at org.").doesNotContain("Exception");
        }
    }

    @Test
    void every_command_is_documented_in_the_openapi_description() {
        JsonNode paths = http.getForEntity("/v3/api-docs", JsonNode.class).getBody().get("paths");

        List<String> documented = new ArrayList<>();
        paths.fieldNames().forEachRemaining(documented::add);
        assertThat(documented).contains(
                "/api/v1/districts/{districtId}/students/{studentId}",
                "/api/v1/districts/{districtId}/students/{studentId}/pathway-enrollments",
                "/api/v1/districts/{districtId}/students/{studentId}/pathway-exits",
                "/api/v1/districts/{districtId}/students/{studentId}/course-completions",
                "/api/v1/districts/{districtId}/students/{studentId}/college-credits",
                "/api/v1/districts/{districtId}/students/{studentId}/wbl-placements",
                "/api/v1/districts/{districtId}/students/{studentId}/credentials",
                "/api/v1/districts/{districtId}/students/{studentId}/pathway-statuses",
                "/api/v1/districts/{districtId}/students/{studentId}/milestones",
                "/api/v1/districts/{districtId}/students/{studentId}/corrections",
                "/api/v1/districts/{districtId}/students/{studentId}/retractions",
                "/api/v1/regions/{regionId}",
                "/api/v1/regions/{regionId}/members/{memberId}",
                "/api/v1/regions/{regionId}/pathways/{pathwayId}",
                "/api/v1/regions/{regionId}/pathways/{pathwayId}/retirement",
                "/api/v1/regions/{regionId}/agreements/{agreementId}",
                "/api/v1/regions/{regionId}/agreements/{agreementId}/end",
                "/api/v1/regions/{regionId}/persons/{personId}/links",
                "/api/v1/regions/{regionId}/persons/{personId}/unlinks");
    }

    private ResponseEntity<JsonNode> send(HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private List<ConsumerRecord<String, String>> awaitRecords(String key, int expected) {
        if (topic == null) {
            topic = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
            topic.subscribe(List.of(Topics.STUDENT_EVENTS));
        }
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        // Then one more second: a record published twice (the publisher registered twice, say) would come within it.
        long extra = Long.MAX_VALUE;
        while (System.currentTimeMillis() < Math.min(deadline, extra)) {
            for (ConsumerRecord<String, String> record : topic.poll(Duration.ofMillis(250))) {
                if (key.equals(record.key())) {
                    found.add(record);
                }
            }
            if (found.size() >= expected && extra == Long.MAX_VALUE) {
                extra = System.currentTimeMillis() + 1_000;
            }
        }
        return found;
    }
}
