package org.pathwaysledger.events.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pathwaysledger.events.student.StudentDetailsChanged;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.student.StudentEvent;
import org.pathwaysledger.events.student.StudentRegistered;

import java.util.Map;
import java.util.Optional;

/** The event types a consumer of {@link Topics#STUDENT_EVENTS} can read, by their wire name. */
public final class StudentEventTypes {

    private static final Map<String, Class<? extends StudentEvent>> TYPES = Map.of(
            "StudentRegistered", StudentRegistered.class,
            "StudentDetailsChanged", StudentDetailsChanged.class,
            "StudentEnrolledInPathway", StudentEnrolledInPathway.class);

    private StudentEventTypes() {
    }

    public static String nameOf(StudentEvent event) {
        return event.getClass().getSimpleName();
    }

    /** The event in an envelope, or empty for a type this reader does not know (a newer producer: skip it). */
    public static Optional<StudentEvent> read(EventEnvelope envelope, ObjectMapper mapper) {
        Class<? extends StudentEvent> type = TYPES.get(envelope.eventType());
        if (type == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.treeToValue(envelope.payload(), type));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + envelope.eventId() + " of type " + envelope.eventType()
                    + " does not match the published contract: " + e.getOriginalMessage(), e);
        }
    }
}
