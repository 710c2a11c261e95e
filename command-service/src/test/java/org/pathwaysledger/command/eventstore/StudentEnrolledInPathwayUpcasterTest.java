package org.pathwaysledger.command.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.wire.PublishedJson;

import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A revision 1 enrolment exactly as the event store holds it (JSON fixture) reads as revision 2, version 1. */
class StudentEnrolledInPathwayUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(PublishedJson.configure(new ObjectMapper()))
            .build();

    @Test
    void a_revision_1_enrolment_from_the_event_store_is_read_as_entered_under_pathway_version_1() throws Exception {
        byte[] stored;
        try (InputStream in = getClass().getResourceAsStream("/upcasting/StudentEnrolledInPathway.rev1.json")) {
            stored = in.readAllBytes();
        }
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Student", "D-0042/S1001", 1,
                "event-1", "2024-08-21T16:05:00Z", StudentEnrolledInPathway.class.getName(), "1", stored, "{}".getBytes());

        List<IntermediateEventRepresentation> upcast = new StudentEnrolledInPathwayUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer)))
                .toList();

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        @SuppressWarnings("unchecked")
        SerializedObject<Object> payload = (SerializedObject<Object>) (SerializedObject<?>) upcast.get(0).getData();
        StudentEnrolledInPathway event = serializer.deserialize(payload);
        assertThat(event.pathwayVersion()).isEqualTo(1);
        assertThat(event.pathwayId().value()).isEqualTo("HEALTH-MA");
        assertThat(event.entryDate()).hasToString("2024-08-21");
    }

    @Test
    void a_revision_2_enrolment_is_left_as_it_is() {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Student", "D/S", 1, "event-2",
                "2026-01-01T00:00:00Z", StudentEnrolledInPathway.class.getName(), "2", "{\"pathwayVersion\":4}".getBytes(), "{}".getBytes());

        List<IntermediateEventRepresentation> upcast = new StudentEnrolledInPathwayUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();

        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
    }
}
