package org.pathwaysledger.command.eventstore;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.config.Configuration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the stored events of many aggregates in one query, for the rest of the current unit of work: an import batch
 * reads its students' histories together instead of two queries per student (the snapshot table, then the events)
 * when Axon loads each aggregate. The events are upcast and deserialised exactly as the event store does it, lazily.
 *
 * <p>Only aggregates without a snapshot are read ahead (the others load as usual). An aggregate is read ahead once
 * per unit of work: Axon keeps a loaded aggregate in the unit of work, so it never asks the store twice.
 */
@Component
public class EventReadAhead {

    private static final String EVENTS = EventReadAhead.class.getName() + ".events";

    private final JdbcClient jdbc;
    private final EventSchema schema;
    private final ObjectProvider<Configuration> axon;
    private volatile Configuration configuration;

    public EventReadAhead(JdbcClient jdbc, EventSchema schema, ObjectProvider<Configuration> axon) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.axon = axon;
    }

    /** Reads ahead the events of {@code aggregateIdentifiers} for the current unit of work (which must be started). */
    public void readAhead(Collection<String> aggregateIdentifiers) {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (aggregateIdentifiers.isEmpty()) {
            return;
        }
        Map<String, List<DomainEventData<?>>> byAggregate = histories(aggregateIdentifiers, false);
        Map<String, List<DomainEventData<?>>> readAhead = root.getOrComputeResource(EVENTS, key -> new HashMap<>());
        readAhead.putAll(byAggregate);
    }

    /**
     * The stored events of each of {@code aggregateIdentifiers} (an empty list for one without events) in two queries,
     * or {@code null} when {@code allOrNothing} and any of them has a snapshot (its events from the start are not all
     * there is to it); without {@code allOrNothing}, aggregates with a snapshot are left out.
     */
    public Map<String, List<DomainEventData<?>>> histories(Collection<String> aggregateIdentifiers, boolean allOrNothing) {
        Map<String, List<DomainEventData<?>>> byAggregate = new HashMap<>();
        Set<String> wanted = new HashSet<>(aggregateIdentifiers);
        if (wanted.isEmpty()) {
            return byAggregate;
        }
        String[] ids = wanted.toArray(String[]::new);
        List<String> withSnapshot = jdbc.sql("select distinct " + schema.aggregateIdentifierColumn() + " from " + schema.snapshotTable()
                        + " where " + schema.aggregateIdentifierColumn() + " = any(?)")
                .param(ids).query(String.class).list();
        if (allOrNothing && !withSnapshot.isEmpty()) {
            return null;
        }
        wanted.removeAll(withSnapshot);
        wanted.forEach(id -> byAggregate.put(id, new ArrayList<>()));
        jdbc.sql("select " + String.join(", ", schema.eventIdentifierColumn(), schema.timestampColumn(), schema.payloadTypeColumn(),
                        schema.payloadRevisionColumn(), schema.payloadColumn(), schema.metaDataColumn(), schema.typeColumn(),
                        schema.aggregateIdentifierColumn(), schema.sequenceNumberColumn())
                        + " from " + schema.domainEventTable() + " where " + schema.aggregateIdentifierColumn() + " = any(?)"
                        + " order by " + schema.aggregateIdentifierColumn() + ", " + schema.sequenceNumberColumn())
                .param(ids)
                .query(row -> {
                    List<DomainEventData<?>> events = byAggregate.get(row.getString(8));
                    if (events != null) {
                        events.add(new StoredEventEntry(row.getString(7), row.getString(8), row.getLong(9), row.getString(1),
                                row.getString(2), row.getString(3), row.getString(4), row.getBytes(5), row.getBytes(6)));
                    }
                });
        return byAggregate;
    }

    /** Stored events as the event store hands them out: upcast and deserialised (lazily), in order. */
    public DomainEventStream stream(List<DomainEventData<?>> events) {
        Configuration configuration = configuration();
        return EventStreamUtils.upcastAndDeserializeDomainEvents(events.stream(), configuration.eventSerializer(), configuration.upcasterChain());
    }

    /**
     * The events read ahead for {@code aggregateIdentifier} in the current unit of work, as a stream from the start,
     * or {@code null} when they were not read ahead. Each aggregate's events are handed out once.
     */
    DomainEventStream take(String aggregateIdentifier) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        Map<String, List<DomainEventData<?>>> readAhead = CurrentUnitOfWork.get().root().getResource(EVENTS);
        List<DomainEventData<?>> events = readAhead == null ? null : readAhead.remove(aggregateIdentifier);
        return events == null ? null : stream(events);
    }

    /** Axon's configuration, resolved once (a Spring lookup per aggregate load costs more than the load). */
    private Configuration configuration() {
        Configuration resolved = configuration;
        if (resolved == null) {
            resolved = axon.getObject();
            configuration = resolved;
        }
        return resolved;
    }

    /** Has events been read ahead for this aggregate (so it has no snapshot)? */
    boolean covers(String aggregateIdentifier) {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        Map<String, List<DomainEventData<?>>> readAhead = CurrentUnitOfWork.get().root().getResource(EVENTS);
        return readAhead != null && readAhead.containsKey(aggregateIdentifier);
    }

    /** The event store's engine, serving what was read ahead from memory; everything else goes to the JDBC engine. */
    static final class Engine implements EventStorageEngine {

        private final EventStorageEngine delegate;
        private final ObjectProvider<EventReadAhead> readAheadProvider;
        private volatile EventReadAhead readAhead;

        Engine(EventStorageEngine delegate, ObjectProvider<EventReadAhead> readAhead) {
            this.delegate = delegate;
            this.readAheadProvider = readAhead;
        }

        /** Resolved on first use (it is created after the engine), then kept: a Spring lookup per load is costly. */
        private EventReadAhead readAhead() {
            EventReadAhead resolved = readAhead;
            if (resolved == null) {
                resolved = readAheadProvider.getObject();
                readAhead = resolved;
            }
            return resolved;
        }

        @Override
        public void appendEvents(List<? extends org.axonframework.eventhandling.EventMessage<?>> events) {
            delegate.appendEvents(events);
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            delegate.storeSnapshot(snapshot);
        }

        @Override
        public java.util.stream.Stream<? extends org.axonframework.eventhandling.TrackedEventMessage<?>> readEvents(
                org.axonframework.eventhandling.TrackingToken trackingToken, boolean mayBlock) {
            return delegate.readEvents(trackingToken, mayBlock);
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier) {
            return readEvents(aggregateIdentifier, 0L);
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            if (firstSequenceNumber == 0L) {
                DomainEventStream events = readAhead().take(aggregateIdentifier);
                if (events != null) {
                    return events;
                }
            }
            return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        @Override
        public java.util.Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            // Read ahead only when the aggregate has no snapshot: no need to ask again.
            return readAhead().covers(aggregateIdentifier) ? java.util.Optional.empty() : delegate.readSnapshot(aggregateIdentifier);
        }

        @Override
        public java.util.Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
            return delegate.lastSequenceNumberFor(aggregateIdentifier);
        }

        @Override
        public org.axonframework.eventhandling.TrackingToken createTailToken() {
            return delegate.createTailToken();
        }

        @Override
        public org.axonframework.eventhandling.TrackingToken createHeadToken() {
            return delegate.createHeadToken();
        }

        @Override
        public org.axonframework.eventhandling.TrackingToken createTokenAt(java.time.Instant dateTime) {
            return delegate.createTokenAt(dateTime);
        }
    }
}
