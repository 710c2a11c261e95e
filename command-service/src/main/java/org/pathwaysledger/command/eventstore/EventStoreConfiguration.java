package org.pathwaysledger.command.eventstore;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.pathwaysledger.command.catalogue.CommandLookups;
import org.pathwaysledger.command.identity.IdentityMatching;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Maps Axon's JDBC event store onto the snake_case tables of the {@code events} schema (Flyway: db/command).
 * A wrong name here surfaces as Axon's misleading "Cannot reuse aggregate identifier".
 */
@Configuration
public class EventStoreConfiguration {

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * Axon's JDBC engine as Axon's Spring Boot auto-configuration builds it (which steps back when this bean exists),
     * with the cheaper timestamps and metadata of {@link EventTableEngine}.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration, ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager, EventSchema eventSchema) {
        return new EventTableEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider), eventSchema, eventSerializer, transactionManager);
    }

    /** The source of the region lookups' subscribing processor: region events only (see {@link HandledEvents}). */
    @Bean
    public HandledEvents commandLookupEvents(EventStore eventStore) {
        return new HandledEvents(eventStore, CommandLookups.class);
    }

    /** The source of identity matching's subscribing processor: registrations and their changes only. */
    @Bean
    public HandledEvents identityMatchingEvents(EventStore eventStore) {
        return new HandledEvents(eventStore, IdentityMatching.class);
    }

    /** The JDBC engine behind {@link EventReadAhead}: what an import batch read ahead is served from memory. */
    @Bean
    static BeanPostProcessor eventReadAheadEngine(ObjectProvider<EventReadAhead> readAhead) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof EventStorageEngine engine && !(bean instanceof EventReadAhead.Engine)
                        ? new EventReadAhead.Engine(engine, readAhead) : bean;
            }
        };
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }
}
