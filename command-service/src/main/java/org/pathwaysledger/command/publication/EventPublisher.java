package org.pathwaysledger.command.publication;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.region.RegionEvent;
import org.pathwaysledger.events.student.StudentEvent;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.events.wire.PublishedJson;
import org.pathwaysledger.events.wire.PublishedEventTypes;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 */
@Component
@ProcessingGroup(EventPublisher.PROCESSING_GROUP)
public class EventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING_SENDS = EventPublisher.class.getName() + ".pendingSends";
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final KafkaTemplate<String, String> kafka;
    private final ObjectMapper json = PublishedJson.mapper();
    public EventPublisher(KafkaTemplate<String, String> kafka) {
        this.kafka = kafka;
    }

    @EventHandler
    public void on(PublishedEvent event, DomainEventMessage<?> message) throws JsonProcessingException {
        Outgoing envelope = new Outgoing(
                message.getIdentifier(),
                PublishedEventTypes.nameOf(event),
                revisionOf(event),
                event instanceof RegionEvent regionEvent ? regionEvent.regionId().value() : null,
                event instanceof StudentEvent studentEvent ? studentEvent.districtId().value() : null,
                event instanceof StudentEvent studentEvent ? studentEvent.studentId().value() : null,
                message.getSequenceNumber(),
                message.getTimestamp(),
                event);
        CompletableFuture<?> sent = kafka.send(PublishedEventTypes.topicOf(event), event.partitionKey(), json.writeValueAsString(envelope));
        pendingSends().add(sent);
    }

    /**
     * The {@link EventEnvelope} as written: the same fields in the same order, with the event record serialised
     * straight into the payload instead of through an intermediate JSON tree.
     */
    private record Outgoing(String eventId, String eventType, String revision, String regionId, String districtId,
                            String studentId, long sequence, java.time.Instant occurredAt, PublishedEvent payload) {
    }

    private static String revisionOf(PublishedEvent event) {
        Revision revision = event.getClass().getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }

    /** The batch's outstanding sends; the first call in a batch registers the wait for them before commit. */
    private static List<CompletableFuture<?>> pendingSends() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    private static void awaitAcknowledgements(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
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
