package org.pathwaysledger.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.student.StudentRegistered;
import org.pathwaysledger.events.student.StudentRegistration;
import org.pathwaysledger.events.value.Demographics;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.GradeLevel;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.RaceCode;
import org.pathwaysledger.events.value.SchoolId;
import org.pathwaysledger.events.value.Sex;
import org.pathwaysledger.events.value.StudentId;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.events.wire.PublishedJson;
import org.pathwaysledger.events.wire.PublishedEventTypes;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Pins the JSON that the query and analytics services (and anyone else) read from Kafka. */
class WireContractTest {

    private final ObjectMapper mapper = PublishedJson.mapper();

    static final StudentRegistered REGISTERED = new StudentRegistered(
            DistrictId.of("D-0042"), StudentId.of("S1001"),
            new StudentRegistration("CA1234567890", LocalDate.of(2010, 4, 17), SchoolId.of("HS-1"), GradeLevel.G09, 2024,
                    new Demographics(Sex.F, false, List.of(RaceCode.WHITE, RaceCode.ASIAN), true, false, true,
                            false, false, false, false, false)),
            LocalDate.of(2024, 8, 20), EventSource.api("req-7"));

    static final StudentEnrolledInPathway ENROLLED = new StudentEnrolledInPathway(
            DistrictId.of("D-0042"), StudentId.of("S1001"), PathwayId.of("HEALTH-MA"), SchoolId.of("HS-1"),
            LocalDate.of(2024, 8, 21), 1, new EventSource(EventSource.Channel.IMPORT, "import-3#line-12"));

    static final StudentEnrolledInPathway ENROLLED_UNDER_VERSION_3 = new StudentEnrolledInPathway(
            DistrictId.of("D-0042"), StudentId.of("S1001"), PathwayId.of("HEALTH-MA"), SchoolId.of("HS-1"),
            LocalDate.of(2024, 8, 21), 3, new EventSource(EventSource.Channel.IMPORT, "import-3#line-12"));

    @Test
    void student_registered_is_written_exactly_as_the_v1_fixture() throws IOException {
        assertThat(written(REGISTERED)).isEqualTo(fixture("StudentRegistered.v1.json"));
    }

    @Test
    void student_enrolled_in_pathway_is_written_exactly_as_the_v2_fixture() throws IOException {
        assertThat(written(ENROLLED_UNDER_VERSION_3)).isEqualTo(fixture("StudentEnrolledInPathway.v2.json"));
    }

    @Test
    void a_revision_1_enrolment_on_the_topic_reads_as_pathway_version_1() throws IOException {
        assertThat(mapper.treeToValue(fixture("StudentEnrolledInPathway.v1.json"), StudentEnrolledInPathway.class).pathwayVersion()).isEqualTo(1);
    }

    @Test
    void the_v1_fixtures_read_back_into_the_same_events() throws IOException {
        assertThat(mapper.treeToValue(fixture("StudentRegistered.v1.json"), StudentRegistered.class)).isEqualTo(REGISTERED);
        assertThat(mapper.treeToValue(fixture("StudentEnrolledInPathway.v2.json"), StudentEnrolledInPathway.class)).isEqualTo(ENROLLED_UNDER_VERSION_3);
    }

    @Test
    void an_envelope_names_its_event_type_and_revision_and_carries_the_payload() throws IOException {
        EventEnvelope envelope = new EventEnvelope("5f0c6d1e-8f43-4c55-b0a4-0d6c3a1b2e77", "StudentEnrolledInPathway", "2", null,
                "D-0042", "S1001", 1, Instant.parse("2024-08-21T16:05:00Z"), mapper.valueToTree(ENROLLED));

        assertThat(written(envelope)).isEqualTo(fixture("envelope.v1.json"));
        EventEnvelope read = mapper.treeToValue(fixture("envelope.v1.json"), EventEnvelope.class);
        assertThat(PublishedEventTypes.read(read, mapper)).contains((PublishedEvent) ENROLLED);
    }

    @Test
    void a_reader_skips_event_types_it_does_not_know_and_ignores_fields_it_does_not_know() throws IOException {
        JsonNode newer = fixture("envelope.v1.json");
        ((com.fasterxml.jackson.databind.node.ObjectNode) newer.get("payload")).put("addedInRevision2", "x");
        EventEnvelope withExtraField = mapper.treeToValue(newer, EventEnvelope.class);
        assertThat(PublishedEventTypes.read(withExtraField, mapper)).contains((PublishedEvent) ENROLLED);

        EventEnvelope unknown = new EventEnvelope("id", "StudentTeleported", "1", null, "D", "S", 1, Instant.EPOCH, mapper.createObjectNode());
        assertThat(PublishedEventTypes.read(unknown, mapper)).isEmpty();
    }

    /** What goes on the wire, read back as a tree: the text is the contract, not Java's number types. */
    private JsonNode written(Object value) throws IOException {
        return mapper.readTree(mapper.writeValueAsString(value));
    }

    private JsonNode fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/contract/" + name)) {
            return mapper.readTree(in);
        }
    }
}
