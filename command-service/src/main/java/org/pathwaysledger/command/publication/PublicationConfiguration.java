package org.pathwaysledger.command.publication;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.pathwaysledger.events.wire.Topics;
import org.pathwaysledger.infrastructure.KafkaTopics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

@Configuration
public class PublicationConfiguration {

    /**
     * Axon's default correlation data (each new message carries the id of the message that caused it, and the trace
     * id), except while a streaming processor handles a stored event: only the Kafka publisher does that, and it
     * creates no messages, yet for every event Axon would deserialise the stored metadata to offer it a trace id.
     */
    @Bean
    public CorrelationDataProvider messageOrigins() {
        MessageOriginProvider origins = new MessageOriginProvider();
        return message -> message instanceof TrackedEventMessage<?> ? Map.of() : origins.correlationDataFor(message);
    }

    /**
     * The publisher, a plain event message handler (see {@link EventPublisher}), in its processing group. An exception
     * in it must stop the batch (and be retried), never be logged and skipped, which is what Axon does by default with
     * a handler's exception.
     */
    @Autowired
    public void propagateErrors(EventProcessingConfigurer processing, EventPublisher publisher,
                                @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                                @Value("${pathways.kafka.replication-factor:1}") short replicationFactor) {
        KafkaTopics.ensure(bootstrapServers, Topics.STUDENT_EVENTS, Topics.STUDENT_EVENTS_PARTITIONS, replicationFactor);
        KafkaTopics.ensure(bootstrapServers, Topics.REGION_EVENTS, Topics.REGION_EVENTS_PARTITIONS, replicationFactor);
        processing.registerEventHandler(configuration -> publisher);
        processing.registerListenerInvocationErrorHandler(EventPublisher.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
