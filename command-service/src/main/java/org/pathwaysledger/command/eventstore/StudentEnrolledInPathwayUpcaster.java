package org.pathwaysledger.command.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Revision 1 to 2 of {@link StudentEnrolledInPathway}: revision 2 records the catalogue version the student entered
 * under. Every revision 1 enrolment predates pathway versioning, when each pathway had only version 1.
 */
@Component
@Order(0)
public class StudentEnrolledInPathwayUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(StudentEnrolledInPathway.class.getName(), "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(StudentEnrolledInPathway.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ((ObjectNode) payload).put("pathwayVersion", 1);
            return payload;
        });
    }
}
