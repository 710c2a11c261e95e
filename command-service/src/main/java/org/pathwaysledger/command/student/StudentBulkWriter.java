package org.pathwaysledger.command.student;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.pathwaysledger.command.eventstore.EventReadAhead;
import org.pathwaysledger.command.eventstore.HandledEvents;
import org.pathwaysledger.command.identity.IdentityMatching;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Decides an import batch's rows on their Students and appends the decided events in one go, without Axon's
 * per-command machinery: no command bus, no repository and no unit of work per command, no event bus. Each command is
 * still decided by the Student's own command handler (every rule, row error, idempotency check and change/correction
 * rule stays in {@link Student}), on the Student as Axon's repository would give it (the cached instance, or one
 * replayed from its stored events), and the events the handlers apply are exactly the messages Axon would have created
 * (same sequence numbers, identifiers from {@code EventIdentifiers}, empty metadata, as the import's
 * {@link StudentCommandRunner} stores them). They are written with the event store's own engine, so the same columns
 * and serialised form, as one JDBC batch (sent as multi-row inserts), and Axon's repository loads these students as
 * any other.
 *
 * <p>Runs inside the batch's one unit of work and transaction (the import lane's). Each student of the batch is locked
 * with the lock Axon's repository takes for it ({@code studentLocks}) until the batch's transaction has ended, so a
 * REST command on one of them waits for the batch instead of deciding on half of it. The Student cache is written only
 * after the commit (the new version of each student); on a rollback every student of the batch is evicted, since the
 * decisions changed the cached instances. A conflicting append (the unique key on aggregate and sequence number: a
 * student changed by another writer than this JVM's, with the cached instance out of date) throws, as Axon's engine
 * reports it, as {@link Conflict}; the caller rolls back and writes the batch on the per-command path.
 *
 * <p>What the command side's subscribing processors do for events of a unit of work still happens for these, in the
 * same transaction: identity matching's handlers are called directly ({@link IdentityMatching#matchAll}: it links each
 * registered student to its person as before, without Axon's processor machinery per registration), any other
 * subscribing processor is handed the appended events ({@link HandledEvents#deliver}), which it filters as usual (the
 * region lookups take no student event).
 */
@Component
public class StudentBulkWriter {

    private final ObjectProvider<Configuration> axon;
    private final StudentCommandTargets targets;
    private final EventReadAhead readAhead;
    private final Cache students;
    private final LockFactory locks;
    private final EventStorageEngine storage;
    private final EventStore eventStore;
    private final List<HandledEvents> subscribers;
    private final IdentityMatching identityMatching;
    private volatile AggregateModel<Student> model;

    public StudentBulkWriter(ObjectProvider<Configuration> axon, StudentCommandTargets targets, EventReadAhead readAhead,
                             @Qualifier(StudentConfiguration.STUDENT_CACHE) Cache students,
                             @Qualifier(StudentConfiguration.STUDENT_LOCKS) LockFactory locks, EventStorageEngine storage, EventStore eventStore,
                             List<HandledEvents> subscribers, IdentityMatching identityMatching) {
        this.axon = axon;
        this.targets = targets;
        this.readAhead = readAhead;
        this.students = students;
        this.locks = locks;
        this.storage = storage;
        this.eventStore = eventStore;
        this.subscribers = subscribers;
        this.identityMatching = identityMatching;
    }

    /** Can every command be decided here (all of them Student commands)? */
    public boolean takes(List<? extends List<Object>> rows) {
        for (List<Object> commands : rows) {
            for (Object command : commands) {
                if (!StudentCommandRunner.HANDLED.containsKey(command.getClass())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Decides each row's commands in order and appends all the events of the batch; answers per row whether it recorded
     * anything. Throws what a command handler throws (the caller then writes the rows one by one, which reports the
     * refused row), {@link AggregateNotFoundException} for a fact about a student not registered,
     * {@link NotInBulk} for a batch this path does not take (a student with a snapshot), and {@link Conflict} when another
     * writer appended to one of its students first. Must run in a started unit of work with a transaction; nothing is kept if it rolls back.
     */
    public List<Boolean> decideAndAppend(List<? extends List<Object>> rows) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        AggregateModel<Student> studentModel = model();
        List<CommandMessage<?>> messages = new ArrayList<>();
        List<String> targetIds = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>();
        for (List<Object> commands : rows) {
            for (Object command : commands) {
                CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
                String id = targets.resolveTarget(message).getIdentifier();
                messages.add(message);
                targetIds.add(id);
                ids.add(id);
            }
        }
        lock(batch, ids);
        // From here on a rollback must not leave a changed Student in the cache.
        batch.onRollback(unitOfWork -> ids.forEach(students::remove));

        DecidedEvents decided = new DecidedEvents();
        Map<String, EventSourcedAggregate<Student>> aggregates = new LinkedHashMap<>();
        List<String> notCached = new ArrayList<>();
        for (String id : ids) {
            AggregateCacheEntry<Student> cached = students.get(id);
            if (cached != null) {
                // The cached entry hands out the aggregate it was made from, which publishes to the event store: the
                // same Student and version here, publishing to this batch's list instead.
                EventSourcedAggregate<Student> kept = cached.recreateAggregate(studentModel, eventStore, NoSnapshotTriggerDefinition.INSTANCE);
                aggregates.put(id, EventSourcedAggregate.reconstruct(kept.getAggregateRoot(), studentModel, kept.version(), false, decided,
                        NoSnapshotTriggerDefinition.TRIGGER));
            } else {
                notCached.add(id);
            }
        }
        if (!notCached.isEmpty()) {
            Map<String, List<DomainEventData<?>>> histories = readAhead.histories(notCached, true);
            if (histories == null) {
                throw new NotInBulk("a student of the batch has a snapshot");
            }
            histories.forEach((id, events) -> {
                if (!events.isEmpty()) {
                    EventSourcedAggregate<Student> aggregate = EventSourcedAggregate.initialize(new Student(), studentModel, decided,
                            NoSnapshotTriggerDefinition.TRIGGER);
                    DomainEventStream stream = readAhead.stream(events);
                    aggregate.initializeState(stream);
                    aggregates.put(id, aggregate);
                }
            });
        }

        List<Boolean> recorded = new ArrayList<>(rows.size());
        int next = 0;
        for (List<Object> commands : rows) {
            boolean any = false;
            for (int i = 0; i < commands.size(); i++, next++) {
                CommandMessage<?> message = messages.get(next);
                String id = targetIds.get(next);
                EventSourcedAggregate<Student> aggregate = aggregates.get(id);
                if (aggregate == null) {
                    if (StudentCommandRunner.HANDLED.get(message.getPayloadType()) != AggregateCreationPolicy.CREATE_IF_MISSING) {
                        throw new AggregateNotFoundException(id, "The student " + id + " is not registered");
                    }
                    aggregate = EventSourcedAggregate.initialize(new Student(), studentModel, decided, NoSnapshotTriggerDefinition.TRIGGER);
                    aggregate.initSequence();
                    aggregates.put(id, aggregate);
                }
                Object result;
                try {
                    result = aggregate.handle(message);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                any |= Boolean.TRUE.equals(result);
            }
            recorded.add(any);
        }

        List<EventMessage<?>> events = decided.events;
        if (!events.isEmpty()) {
            try {
                storage.appendEvents(events);
            } catch (RuntimeException e) {
                if (e instanceof ConcurrencyException || e instanceof AggregateStreamCreationException || duplicateKey(e)) {
                    throw new Conflict("Another writer appended to a student of the batch: " + e.getMessage(), e);
                }
                throw e;
            }
            for (HandledEvents subscriber : subscribers) {
                if (subscriber.handlers().equals(List.of(IdentityMatching.class))) {
                    identityMatching.matchAll(events);
                } else {
                    subscriber.deliver(events);
                }
            }
        }
        // Kept as Axon's repository keeps them: publishing to the event store, for the next command through the repository.
        batch.afterCommit(unitOfWork -> aggregates.forEach((id, aggregate) -> {
            Long version = aggregate.version();
            if (version != null && version >= 0) {
                students.put(id, new AggregateCacheEntry<>(EventSourcedAggregate.reconstruct(aggregate.getAggregateRoot(), studentModel,
                        version, false, eventStore, NoSnapshotTriggerDefinition.TRIGGER)));
            }
        }));
        return recorded;
    }

    /** Takes Axon's lock of each student (in a fixed order) until the batch's unit of work is cleaned up. */
    private void lock(UnitOfWork<?> batch, TreeSet<String> ids) {
        List<Lock> held = new ArrayList<>(ids.size());
        batch.onCleanup(unitOfWork -> held.forEach(Lock::release));
        for (String id : ids) {
            held.add(locks.obtainLock(id));
        }
    }

    /** The Student's Axon model with the application's parameter resolvers (a Spring bean as a handler parameter). */
    private AggregateModel<Student> model() {
        AggregateModel<Student> resolved = model;
        if (resolved == null) {
            Configuration configuration = axon.getObject();
            resolved = AnnotatedAggregateMetaModelFactory.inspectAggregate(Student.class, configuration.parameterResolverFactory(),
                    configuration.handlerDefinition(Student.class));
            model = resolved;
        }
        return resolved;
    }

    /** Is the failure (or what caused it) PostgreSQL's unique violation: a student's sequence number already taken? */
    private static boolean duplicateKey(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * The batch's append conflicted with another writer's (a sequence number of one of its students was taken: a
     * Student kept here was out of date). The batch is rolled back and its students evicted; the caller writes it on
     * the per-command path, which reads them from the event store.
     */
    public static final class Conflict extends RuntimeException {
        Conflict(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A batch this path does not take; the caller writes it on the per-command path. */
    public static final class NotInBulk extends RuntimeException {
        NotInBulk(String message) {
            super(message);
        }
    }

    /**
     * Where the Students' applied events go instead of the event bus: kept, in the order applied, for one append. Only
     * publishing is used (an aggregate recreated from the cache asks for an event store, which is what it publishes to).
     */
    private static final class DecidedEvents implements EventStore {
        final List<EventMessage<?>> events = new ArrayList<>();

        @Override
        public void publish(List<? extends EventMessage<?>> published) {
            events.addAll(published);
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier) {
            throw new UnsupportedOperationException("Decided events are only collected");
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            throw new UnsupportedOperationException("Decided events are only collected");
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
            throw new UnsupportedOperationException("Decided events are only collected");
        }

        @Override
        public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
            throw new UnsupportedOperationException("Decided events are only collected");
        }

        @Override
        public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super EventMessage<?>> dispatchInterceptor) {
            throw new UnsupportedOperationException("Decided events are only collected");
        }

        @Override
        public Registration subscribe(Consumer<List<? extends EventMessage<?>>> messageProcessor) {
            throw new UnsupportedOperationException("Decided events are only collected");
        }
    }
}
