package org.pathwaysledger.command.eventstore;

import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.SubscribableMessageSource;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The events a subscribing processor's handlers take, out of everything the event store publishes: the source of
 * the command side's subscribing processors (named as {@code source} in command-service.yml). Axon hands a subscribing
 * processor every event a unit of work commits and lets it find, event by event, that no handler wants it, under its
 * own unit of work and interceptors: in an import that was 8-10% of a lane's CPU for the region lookups and identity
 * matching, which take no enrolment and (the lookups) no student event at all. Filtered here by the handlers' own
 * parameter types, in the same thread, phase and transaction as before.
 */
public final class HandledEvents implements SubscribableMessageSource<EventMessage<?>> {

    private final SubscribableMessageSource<EventMessage<?>> events;
    private final Set<Class<?>> handled;
    private final List<Class<?>> handlers;
    private final List<Consumer<List<? extends EventMessage<?>>>> subscribers = new CopyOnWriteArrayList<>();

    public HandledEvents(SubscribableMessageSource<EventMessage<?>> events, Class<?>... handlers) {
        this.events = events;
        this.handlers = List.of(handlers);
        this.handled = Stream.of(handlers).flatMap(handler -> Stream.of(handler.getDeclaredMethods()))
                .filter(method -> method.isAnnotationPresent(EventHandler.class) && method.getParameterCount() > 0)
                .map(HandledEvents::payloadType)
                .collect(Collectors.toUnmodifiableSet());
        if (handled.isEmpty()) {
            throw new IllegalArgumentException("No @EventHandler methods in " + List.of(handlers));
        }
    }

    private static Class<?> payloadType(Method handler) {
        Class<?> declared = handler.getAnnotation(EventHandler.class).payloadType();
        return declared == Object.class ? handler.getParameterTypes()[0] : declared;
    }

    /** The classes whose handlers this source feeds. */
    public List<Class<?>> handlers() {
        return handlers;
    }

    /** Does a handler take events of this payload type (the type itself or a supertype of it)? */
    public boolean handles(Class<?> payloadType) {
        for (Class<?> type : handled) {
            if (type.isAssignableFrom(payloadType)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Registration subscribe(Consumer<List<? extends EventMessage<?>>> processor) {
        Consumer<List<? extends EventMessage<?>>> filtered = batch -> {
            List<EventMessage<?>> wanted = null;
            for (EventMessage<?> event : batch) {
                if (handles(event.getPayloadType())) {
                    if (wanted == null) {
                        wanted = new ArrayList<>(batch.size());
                    }
                    wanted.add(event);
                }
            }
            if (wanted != null) {
                processor.accept(wanted);
            }
        };
        subscribers.add(filtered);
        Registration registration = events.subscribe(filtered);
        return () -> {
            subscribers.remove(filtered);
            return registration.cancel();
        };
    }

    /**
     * Hands events appended without the event bus (an import batch's bulk append, StudentBulkWriter) to the
     * subscribed processors, as the event store would have at its prepare-commit: same filter, same thread, same
     * transaction.
     */
    public void deliver(List<? extends EventMessage<?>> appended) {
        if (!appended.isEmpty()) {
            subscribers.forEach(subscriber -> subscriber.accept(appended));
        }
    }
}
