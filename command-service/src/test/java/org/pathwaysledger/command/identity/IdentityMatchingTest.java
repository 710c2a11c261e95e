package org.pathwaysledger.command.identity;

import org.axonframework.messaging.SubscribableMessageSource;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.command.catalogue.CommandLookups;
import org.pathwaysledger.command.eventstore.HandledEvents;
import org.pathwaysledger.events.region.PathwayDefined;
import org.pathwaysledger.events.region.StudentRecordLinked;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.student.StudentRegistered;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscribing processors now receive only the events their handlers take (HandledEvents): a registration must
 * still link its student to a person in the same transaction, and a pathway must still count for the next enrolment.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=command-service")
class IdentityMatchingTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_registration_links_its_student_and_a_new_pathway_takes_enrolments_at_once() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String region = "R-IDM-" + suffix;
        String district = "D-IDM-" + suffix;
        send(HttpMethod.PUT, "/api/v1/regions/" + region, "{\"name\": \"Identity region\"}");
        send(HttpMethod.PUT, "/api/v1/regions/" + region + "/members/" + district, "{\"kind\": \"K12_DISTRICT\"}");
        send(HttpMethod.PUT, "/api/v1/regions/" + region + "/pathways/HEALTH", "{\"name\": \"Health\"}");
        send(HttpMethod.PUT, "/api/v1/districts/" + district + "/students/S1", """
                {"birth_date": "2010-02-03", "school_id": "HS1", "grade_level": "09", "sex": "F", "hispanic": "N",
                 "state_student_id": "SSID-%s", "effective_date": "2025-08-15"}""".formatted(suffix));
        send(HttpMethod.POST, "/api/v1/districts/" + district + "/students/S1/pathway-enrollments",
                "{\"pathway_id\": \"HEALTH\", \"school_id\": \"HS1\", \"entry_date\": \"2025-08-20\"}");

        List<String> links = jdbc.queryForList("select payload from events.domain_event_entry where payload_type = ?", byte[].class,
                        StudentRecordLinked.class.getName()).stream()
                .map(payload -> new String(payload, StandardCharsets.UTF_8))
                .filter(payload -> payload.contains("\"" + district + "\""))
                .toList();
        assertThat(links).hasSize(1);
        assertThat(links.get(0)).contains("\"studentId\":\"S1\"").contains("STATE_STUDENT_ID");
    }

    @Test
    void each_processor_is_given_only_the_events_its_handlers_take() {
        SubscribableMessageSource<EventMessage<?>> nothing = processor -> () -> true;
        HandledEvents identity = new HandledEvents(nothing, IdentityMatching.class);
        assertThat(identity.handles(StudentRegistered.class)).isTrue();
        assertThat(identity.handles(StudentEnrolledInPathway.class)).isFalse();
        HandledEvents lookups = new HandledEvents(nothing, CommandLookups.class);
        assertThat(lookups.handles(PathwayDefined.class)).isTrue();
        assertThat(lookups.handles(StudentRegistered.class)).isFalse();
    }

    private void send(HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        var answer = http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
        assertThat(answer.getStatusCode().value()).as(path + ": " + answer.getBody()).isEqualTo(202);
    }
}
