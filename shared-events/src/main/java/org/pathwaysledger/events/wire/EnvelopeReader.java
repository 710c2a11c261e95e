package org.pathwaysledger.events.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import org.pathwaysledger.events.PublishedEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads an envelope from the bytes of a Kafka record in one pass: the envelope's fields with a streaming parser, then
 * the payload straight into the event record with that type's own reader, without the intermediate tree that
 * {@code readValue(..., EventEnvelope.class)} followed by {@link PublishedEventTypes#read} builds and walks again.
 *
 * <p>The result is what that two-step reading gives: the same envelope fields (each read by the same deserializer
 * when it is not a plain JSON string or number), the same event, an empty event for a type this reader does not know,
 * and an exception for bad JSON or a payload that does not match the contract. The envelope's {@code payload} is
 * then the payload's JSON text as it was on the wire (see {@link EventEnvelope#payloadJson()}); writing the envelope
 * with the published JSON settings gives that text back. Anything unusual (the payload before the event type, a
 * payload that is not an object) takes the two-step path.
 *
 * <p>Thread-safe: the readers are immutable.
 */
public final class EnvelopeReader {

    /** An envelope read from the wire and its event, or a null event when the type is unknown to this reader. */
    public record Read(EventEnvelope envelope, PublishedEvent event) {
    }

    private final ObjectMapper mapper;
    private final Map<String, ObjectReader> readers = new HashMap<>();
    private final ObjectReader strings;
    private final ObjectReader longs;
    private final ObjectReader instants;

    public EnvelopeReader(ObjectMapper published) {
        // The published dates and instants read by hand (IsoTime), anything else as the given mapper reads it.
        ObjectMapper mapper = published.copy().registerModule(IsoTime.module());
        this.mapper = mapper;
        for (Class<? extends PublishedEvent> type : PublishedEventTypes.all()) {
            readers.put(PublishedEventTypes.nameOf(type), mapper.readerFor(type));
        }
        this.strings = mapper.readerFor(String.class);
        this.longs = mapper.readerFor(Long.TYPE);
        this.instants = mapper.readerFor(Instant.class);
    }

    /** The envelope and its event; throws for bad JSON or a payload that breaks the published contract. */
    public Read read(byte[] json) throws IOException {
        if (json == null) {
            throw new IllegalArgumentException("An empty message is not an event envelope");
        }
        String eventId = null;
        String eventType = null;
        String revision = null;
        String regionId = null;
        String districtId = null;
        String studentId = null;
        long sequence = 0;
        Instant occurredAt = null;
        JsonNode payload = null;
        PublishedEvent event = null;
        String eventTypeOfPayload = null;
        try (JsonParser parser = mapper.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("An event envelope is a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "eventId" -> eventId = string(parser);
                    case "eventType" -> eventType = string(parser);
                    case "revision" -> revision = string(parser);
                    case "regionId" -> regionId = string(parser);
                    case "districtId" -> districtId = string(parser);
                    case "studentId" -> studentId = string(parser);
                    case "sequence" -> sequence = parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                            ? parser.getLongValue() : longs.<Long>readValue(parser);
                    case "occurredAt" -> occurredAt = instants.readValue(parser);
                    case "payload" -> {
                        ObjectReader reader = eventType == null ? null : readers.get(eventType);
                        if (reader != null && parser.currentToken() == JsonToken.START_OBJECT) {
                            int start = (int) parser.currentTokenLocation().getByteOffset();
                            try {
                                event = reader.readValue(parser);
                            } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
                                throw PublishedEventTypes.notTheContract(eventId, eventType, e);
                            }
                            eventTypeOfPayload = eventType;
                            int end = (int) parser.currentLocation().getByteOffset();
                            payload = new POJONode(new RawValue(new String(json, start, end - start, StandardCharsets.UTF_8)));
                        } else {
                            event = null;
                            eventTypeOfPayload = null;
                            payload = mapper.readTree(parser);
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        }
        EventEnvelope envelope = new EventEnvelope(eventId, eventType, revision, regionId, districtId, studentId, sequence, occurredAt, payload);
        if (event != null && eventType.equals(eventTypeOfPayload)) {
            return new Read(envelope, event);
        }
        // The payload came before its type, was not an object, or the type was given twice: the two-step reading.
        return new Read(envelope, PublishedEventTypes.read(envelope, mapper).orElse(null));
    }

    private String string(JsonParser parser) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : strings.readValue(parser);
    }
}
