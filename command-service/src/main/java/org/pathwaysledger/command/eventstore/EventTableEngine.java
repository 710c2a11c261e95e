package org.pathwaysledger.command.eventstore;

import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.pathwaysledger.infrastructure.projection.CopyText;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Axon's JDBC event storage engine with cheaper reading and writing of the same rows: the timestamps in Axon's text
 * form without its formatter ({@link StoredTimestamps}), each parsed at most once, and an event
 * without metadata (the import's, see StudentCommandRunner) stored with the bytes the serializer writes for empty
 * metadata, computed once, instead of serialising an empty map per event. Everything else, notably the gap-aware
 * tracking tokens the Kafka publisher relies on, is Axon's, with Axon's defaults spelled out here because
 * {@link #getTrackedEventData} repeats Axon's token logic.
 */
final class EventTableEngine extends JdbcEventStorageEngine {

    /** Axon's defaults, set on the builder and used by {@link #getTrackedEventData}. */
    static final int MAX_GAP_OFFSET = 10_000;
    static final long LOWEST_GLOBAL_SEQUENCE = 1;
    static final int GAP_TIMEOUT_MILLIS = 60_000;

    /**
     * An append of at least this many events (an import batch's, from StudentBulkWriter) goes by COPY; a command's few
     * events by Axon's insert.
     */
    static final int COPY_FROM = 8;

    private final EventSchema schema;
    private final Serializer eventSerializer;
    private final byte[] emptyMetaData;
    private final TransactionManager transactionManager;

    EventTableEngine(Builder builder, EventSchema schema, Serializer eventSerializer, TransactionManager transactionManager) {
        super(builder.schema(schema)
                .transactionManager(transactionManager)
                .maxGapOffset(MAX_GAP_OFFSET)
                .lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .gapTimeout(GAP_TIMEOUT_MILLIS)
                .appendEvents(appendStatement(eventSerializer)));
        this.schema = schema;
        this.eventSerializer = eventSerializer;
        this.emptyMetaData = emptyMetaData(eventSerializer);
        this.transactionManager = transactionManager;
    }

    /**
     * Axon's append (same transaction handling, connection, and failure translation: a taken aggregate sequence number
     * fails the whole append as Axon's "already inserted" error, as with the insert), with a batch of {@link #COPY_FROM}
     * or more events sent by COPY: the
     * same columns and values as the insert, without a multi-row statement to build, bind, parse and plan per few
     * dozen rows. The identity column and its defaults fill in as for the insert.
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.size() < COPY_FROM || serializer != eventSerializer) {
            super.appendEvents(events, serializer);
            return;
        }
        transactionManager.executeInTransaction(() -> {
            Connection connection = getConnection();
            try {
                copy(connection, events, serializer);
            } catch (SQLException e) {
                handlePersistenceException(e, events.get(0));
            } finally {
                JdbcUtils.closeQuietly(connection);
            }
        });
    }

    private void copy(Connection connection, List<? extends EventMessage<?>> events, Serializer serializer) throws SQLException {
        CopyText rows = new CopyText(events.size() * 1_200);
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = asDomainEvent(message);
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            rows.text(event.getIdentifier())
                    .text(event.getAggregateIdentifier())
                    .number(event.getSequenceNumber())
                    .text(event.getType())
                    .text(StoredTimestamps.format(event.getTimestamp()))
                    .text(payload.getType().getName())
                    .text(payload.getType().getRevision())
                    .bytea(payload.getData())
                    .bytea(event.getMetaData().isEmpty() ? emptyMetaData : event.serializeMetaData(serializer, byte[].class).getData())
                    .endRow();
        }
        rows.copyInto(connection, schema.domainEventTable() + " (" + schema.domainEventFields() + ")");
    }

    /**
     * Axon's insert (same columns and values), except that empty metadata is stored as the serializer's own bytes for
     * it, serialised once here rather than once per event.
     */
    private static org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder appendStatement(Serializer eventSerializer) {
        byte[] emptyMetaData = emptyMetaData(eventSerializer);
        return (Connection connection, EventSchema schema, Class<?> dataType, List<? extends EventMessage<?>> events, Serializer serializer,
                TimestampWriter timestampWriter) -> {
            PreparedStatement statement = connection.prepareStatement("INSERT INTO " + schema.domainEventTable() + " ("
                    + schema.domainEventFields() + ") VALUES (?,?,?,?,?,?,?,?,?)");
            boolean bytes = byte[].class.equals(dataType) && serializer == eventSerializer;
            for (EventMessage<?> message : events) {
                DomainEventMessage<?> event = asDomainEvent(message);
                SerializedObject<?> payload = event.serializePayload(serializer, dataType);
                statement.setString(1, event.getIdentifier());
                statement.setString(2, event.getAggregateIdentifier());
                statement.setLong(3, event.getSequenceNumber());
                statement.setString(4, event.getType());
                timestampWriter.writeTimestamp(statement, 5, event.getTimestamp());
                statement.setString(6, payload.getType().getName());
                statement.setString(7, payload.getType().getRevision());
                statement.setObject(8, payload.getData());
                statement.setObject(9, bytes && event.getMetaData().isEmpty() ? emptyMetaData : event.serializeMetaData(serializer, dataType).getData());
                statement.addBatch();
            }
            return statement;
        };
    }

    /** An event stored without an aggregate as Axon stores it: its own id as aggregate id, sequence 0. */
    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> message) {
        return message instanceof DomainEventMessage<?> domain ? domain
                : new GenericDomainEventMessage<>(null, message.getIdentifier(), 0L, message, message::getTimestamp);
    }

    /** The bytes the serializer writes for empty metadata, computed once per engine. */
    private static byte[] emptyMetaData(Serializer eventSerializer) {
        return eventSerializer.serialize(MetaData.emptyInstance(), byte[].class).getData();
    }

    @Override
    protected void writeTimestamp(PreparedStatement statement, int position, Instant timestamp) throws SQLException {
        statement.setString(position, StoredTimestamps.format(timestamp));
    }

    /**
     * Axon's {@code getTrackedEventData}, with the timestamp read cheaply; the token advances exactly as in Axon (a missing global index within the gap timeout stays a
     * gap the publisher will come back for).
     */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken) throws SQLException {
        long globalSequence = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        // An event stored without an aggregate carries its own id as aggregate id (Axon's convention): none, read back.
        StoredEventEntry event = new StoredEventEntry(resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier, resultSet.getLong(schema.sequenceNumberColumn()),
                eventIdentifier, resultSet.getString(schema.timestampColumn()), resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()), resultSet.getBytes(schema.payloadColumn()), resultSet.getBytes(schema.metaDataColumn()));
        boolean allowGaps = event.getTimestamp().isAfter(GenericEventMessage.clock.instant().minus(GAP_TIMEOUT_MILLIS, ChronoUnit.MILLIS));
        GapAwareTrackingToken token;
        if (previousToken == null) {
            token = GapAwareTrackingToken.newInstance(globalSequence, allowGaps
                    ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence), globalSequence).boxed().collect(Collectors.toCollection(TreeSet::new))
                    : Collections.emptySortedSet());
        } else {
            token = previousToken.advanceTo(globalSequence, allowGaps ? MAX_GAP_OFFSET : 0);
        }
        return new TrackedDomainEventData<>(token, event);
    }

    @Override
    protected DomainEventData<?> getDomainEventData(ResultSet resultSet) throws SQLException {
        return entry(resultSet, schema);
    }

    /** The stored event of the result set's current row. */
    static StoredEventEntry entry(ResultSet row, EventSchema schema) throws SQLException {
        return new StoredEventEntry(row.getString(schema.typeColumn()), row.getString(schema.aggregateIdentifierColumn()),
                row.getLong(schema.sequenceNumberColumn()), row.getString(schema.eventIdentifierColumn()), row.getString(schema.timestampColumn()),
                row.getString(schema.payloadTypeColumn()), row.getString(schema.payloadRevisionColumn()), row.getBytes(schema.payloadColumn()),
                row.getBytes(schema.metaDataColumn()));
    }
}
