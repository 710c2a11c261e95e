package org.pathwaysledger.command.publication;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.region.RegionEvent;
import org.pathwaysledger.events.student.StudentEvent;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.events.wire.PublishedJson;
import org.pathwaysledger.events.wire.PublishedEventTypes;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.ProducerFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored event of the published language to its Kafka topic, from Axon's "kafka-publisher" streaming processor.
 *
 * <p>Sends within one processor batch go out asynchronously (the producer batches them); before the batch's
 * transaction commits, and with it the processor's token, every send must be acknowledged by Kafka. A failed send
 * fails the batch, and the processor retries it from the last stored token: at least once, nothing skipped.
 * Student events are keyed by student and region events by region, so each stays in order on one partition.
 *
 * <p>A plain {@link EventMessageHandler}, registered in its processing group by {@link PublicationConfiguration},
 * not an annotated {@code @EventHandler}: for an annotated handler Axon asks, for every event and twice, which of the
 * handler's annotated members takes it and whether the handler supports a reset (annotation inspection, streams over
 * the members), then invokes the member by reflection through its tracing wrapper. That was about 20% of the
 * publisher thread's JFR samples for one method that takes every published event. The same events are taken: domain event
 * messages whose payload type is a {@link PublishedEvent}; anything else is ignored, as before.
 */
@Component
@ProcessingGroup(EventPublisher.PROCESSING_GROUP)
public class EventPublisher implements EventMessageHandler {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING_SENDS = EventPublisher.class.getName() + ".pendingSends";
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final Producer<String, byte[]> kafka;
    private final Serializer eventSerializer;
    private final JsonFactory json = PublishedJson.mapper().getFactory();

    /**
     * A Kafka producer of its own, configured as Spring Boot configures the producers ({@code spring.kafka.producer}),
     * used directly: Spring's {@code KafkaTemplate} wrapped every send in an observation (about 8% of the publisher's
     * CPU) and its producer in a close-safe proxy, for nothing the publisher uses.
     */
    public EventPublisher(ProducerFactory<String, byte[]> producers, @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.kafka = new KafkaProducer<>(producers.getConfigurationProperties(), new StringSerializer(), new ByteArraySerializer());
        this.eventSerializer = eventSerializer;
    }

    @PreDestroy
    void close() {
        kafka.close(Duration.ofSeconds(5));
    }

    /** The events the annotated handler took: {@code @EventHandler(payloadType = PublishedEvent.class)} on a DomainEventMessage. */
    @Override
    public boolean canHandle(EventMessage<?> message) {
        return message instanceof DomainEventMessage<?> && PublishedEvent.class.isAssignableFrom(message.getPayloadType());
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return PublishedEvent.class.isAssignableFrom(payloadType);
    }

    @Override
    public Class<?> getTargetType() {
        return EventPublisher.class;
    }

    @Override
    public Object handle(EventMessage<?> message) throws IOException {
        // Axon hands only what canHandle accepts; checked again so that no other message is ever sent.
        if (canHandle(message)) {
            on((DomainEventMessage<?>) message);
        }
        return null;
    }

    /**
     * Sends the event as the event store holds it: the stored JSON payload (or, for an event of an older revision, the
     * upcasted JSON) goes into the envelope as it is. Axon would otherwise deserialise every payload into its record
     * only for it to be serialised again here; the type comes from the stored payload type, and the few ids the
     * envelope repeats are read from the payload's top level.
     */
    void on(DomainEventMessage<?> message) throws IOException {
        Class<?> type = message.getPayloadType();
        // The stored form when the event store's serializer wrote it (always, here); serialised afresh otherwise.
        byte[] payload = message.serializePayload(eventSerializer, byte[].class).getData();
        boolean regionEvent = RegionEvent.class.isAssignableFrom(type);
        boolean studentEvent = StudentEvent.class.isAssignableFrom(type);
        TopLevelIds ids = studentEvent ? TopLevelIds.ofStudent(message) : null;
        if (ids == null) {
            ids = TopLevelIds.of(json, payload);
        }
        String key = regionEvent ? ids.require("regionId", ids.regionId) : ids.require("districtId", ids.districtId) + "/" + ids.require("studentId", ids.studentId);
        byte[] envelope = envelope(message.getIdentifier(), PublishedEventTypes.nameOf(type), revisionOf(type),
                regionEvent ? ids.regionId : null, studentEvent ? ids.districtId : null, studentEvent ? ids.studentId : null,
                message.getSequenceNumber(), message.getTimestamp(), payload);
        pendingSends().add(kafka.send(new ProducerRecord<>(PublishedEventTypes.topicOf(type), key, envelope)));
    }

    /**
     * The {@link EventEnvelope} as written by the published JSON settings: the same fields in the same order, absent
     * values left out, strings escaped as Jackson escapes them, the instant in ISO form, and the payload's JSON inserted
     * unchanged. Written straight into the record's bytes: no generator, and the payload is never decoded to text and
     * encoded again.
     */
    static byte[] envelope(String eventId, String eventType, String revision, String regionId, String districtId, String studentId,
                           long sequence, Instant occurredAt, byte[] payload) {
        EnvelopeBytes out = new EnvelopeBytes(payload.length + 320);
        out.ascii("{");
        out.field("eventId", eventId, false);
        out.field("eventType", eventType, true);
        out.field("revision", revision, true);
        out.field("regionId", regionId, true);
        out.field("districtId", districtId, true);
        out.field("studentId", studentId, true);
        out.ascii(",\"sequence\":").ascii(Long.toString(sequence));
        if (occurredAt != null) {
            out.ascii(",\"occurredAt\":\"").instant(occurredAt).ascii("\"");
        }
        out.ascii(",\"payload\":").bytes(payload, payload.length).ascii("}");
        return out.toByteArray();
    }

    /** A growing byte buffer that writes the envelope's parts. */
    private static final class EnvelopeBytes {
        private static final JsonStringEncoder ESCAPES = JsonStringEncoder.getInstance();
        private static final long SECONDS_PER_DAY = 86_400;
        private static final long FIRST_FOUR_DIGIT_YEAR = LocalDate.of(1000, 1, 1).toEpochDay() * SECONDS_PER_DAY;
        private static final long FIRST_FIVE_DIGIT_YEAR = LocalDate.of(10000, 1, 1).toEpochDay() * SECONDS_PER_DAY;
        private byte[] bytes;
        private int length;

        EnvelopeBytes(int capacity) {
            bytes = new byte[capacity];
        }

        /** {@code "name":"value"} (with a comma before it when {@code comma}), or nothing when the value is absent. */
        void field(String name, String value, boolean comma) {
            if (value == null) {
                return;
            }
            if (comma) {
                ascii(",");
            }
            ascii("\"").ascii(name).ascii("\":\"");
            if (printableAscii(value)) {
                // Ids and type names: nothing Jackson would escape, so the characters are the bytes (no array per field).
                ascii(value);
            } else {
                byte[] escaped = ESCAPES.quoteAsUTF8(value);
                bytes(escaped, escaped.length);
            }
            ascii("\"");
        }

        /** Only characters from space to '~' other than the quote and the backslash (Jackson writes these as they are)? */
        private static boolean printableAscii(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                    return false;
                }
            }
            return true;
        }

        EnvelopeBytes ascii(String text) {
            int n = text.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                bytes[length++] = (byte) text.charAt(i);
            }
            return this;
        }

        /**
         * The instant as {@code Instant.toString()} writes it (ISO-8601 in UTC; the fraction in groups of three digits,
         * none when zero), without its formatter (6% of the publisher); years outside 1000-9999 through toString itself.
         */
        EnvelopeBytes instant(Instant instant) {
            long seconds = instant.getEpochSecond();
            if (seconds < FIRST_FOUR_DIGIT_YEAR || seconds >= FIRST_FIVE_DIGIT_YEAR) {
                return ascii(instant.toString());
            }
            LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
            int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
            ensure(30);
            digits(date.getYear(), 4);
            bytes[length++] = '-';
            digits(date.getMonthValue(), 2);
            bytes[length++] = '-';
            digits(date.getDayOfMonth(), 2);
            bytes[length++] = 'T';
            digits(secondOfDay / 3600, 2);
            bytes[length++] = ':';
            digits(secondOfDay / 60 % 60, 2);
            bytes[length++] = ':';
            digits(secondOfDay % 60, 2);
            int nanos = instant.getNano();
            if (nanos > 0) {
                bytes[length++] = '.';
                if (nanos % 1_000_000 == 0) {
                    digits(nanos / 1_000_000, 3);
                } else if (nanos % 1_000 == 0) {
                    digits(nanos / 1_000, 6);
                } else {
                    digits(nanos, 9);
                }
            }
            bytes[length++] = 'Z';
            return this;
        }

        private void digits(int value, int width) {
            for (int i = length + width - 1; i >= length; i--) {
                bytes[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            length += width;
        }

        EnvelopeBytes bytes(byte[] more, int n) {
            ensure(n);
            System.arraycopy(more, 0, bytes, length, n);
            length += n;
            return this;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        byte[] toByteArray() {
            return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        }
    }

    /** The ids the envelope repeats, read from the top level of an event's JSON without building the event. */
    private record TopLevelIds(String regionId, String districtId, String studentId) {

        /**
         * A Student's events carry the district and student of the aggregate's own identifier (its StudentKey,
         * "district/student"; identifiers never contain a slash), so they need not be read from the payload.
         */
        static TopLevelIds ofStudent(DomainEventMessage<?> message) {
            String key = message.getAggregateIdentifier();
            int slash = key == null ? -1 : key.indexOf('/');
            if (!"Student".equals(message.getType()) || slash <= 0 || slash == key.length() - 1 || key.indexOf('/', slash + 1) >= 0) {
                return null;
            }
            return new TopLevelIds(null, key.substring(0, slash), key.substring(slash + 1));
        }

        static TopLevelIds of(JsonFactory json, byte[] payload) throws IOException {
            String regionId = null;
            String districtId = null;
            String studentId = null;
            try (JsonParser parser = json.createParser(payload)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalStateException("A stored event payload is not a JSON object");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (value == JsonToken.VALUE_STRING) {
                        switch (field) {
                            case "regionId" -> regionId = parser.getText();
                            case "districtId" -> districtId = parser.getText();
                            case "studentId" -> studentId = parser.getText();
                            default -> {
                                // Not repeated in the envelope.
                            }
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
            }
            return new TopLevelIds(regionId, districtId, studentId);
        }

        String require(String field, String value) {
            if (value == null) {
                throw new IllegalStateException("A stored event has no " + field + " at the top level of its payload");
            }
            return value;
        }
    }

    private static String revisionOf(Class<?> type) {
        Revision revision = type.getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }

    /** The batch's outstanding sends; the first call in a batch registers the wait for them before commit. */
    private List<Future<RecordMetadata>> pendingSends() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    /**
     * Waits once for the whole batch. The producer is flushed first: what it still holds back to fill a record batch
     * ({@code linger.ms}) goes now, so a long linger fills large record batches while the processor's batch is read
     * and never delays the batch's commit.
     */
    private void awaitAcknowledgements(List<Future<RecordMetadata>> sends) {
        try {
            kafka.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ACK_TIMEOUT_SECONDS);
            for (Future<RecordMetadata> send : sends) {
                // Done after the flush, unless the send failed or is still being retried.
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublicationFailedException("Interrupted while waiting for Kafka to acknowledge " + sends.size() + " events", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublicationFailedException("Kafka did not acknowledge all of " + sends.size() + " events; the batch will be retried", e);
        }
    }

    static class PublicationFailedException extends RuntimeException {
        PublicationFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
