package org.pathwaysledger.command.student;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The most recently used Students, kept after their unit of work commits so that the next command for the same
 * student (an import's enrolment row after its students row, a REST call after an import) is decided on the aggregate
 * as it was left instead of reading and deserialising its whole history again.
 *
 * <p>Axon's caching repository does the bookkeeping: it puts an aggregate here when its unit of work commits and
 * removes it when a unit of work that loaded it rolls back, so a refused or failed batch never leaves a half-changed
 * student behind. Axon's per-aggregate lock keeps one unit of work at a time on a cached instance. Bounded, least
 * recently used out first, because an import can touch more students than the heap should hold; an evicted student
 * is simply read from the event store again. A command service that shares its event store with another instance
 * would see a stale entry only as a refused append (the sequence number is taken), which evicts it.
 */
final class RecentStudents implements Cache {

    private final Map<Object, Object> entries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();

    RecentStudents(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("A cache of recent students needs a capacity of at least 1, not " + capacity);
        }
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                listeners.forEach(listener -> listener.onEntryExpired(eldest.getKey()));
                return true;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        V value = (V) entries.get(key);
        if (value != null && !listeners.isEmpty()) {
            listeners.forEach(listener -> listener.onEntryRead(key, value));
        }
        return value;
    }

    @Override
    public synchronized void put(Object key, Object value) {
        Object previous = entries.put(key, value);
        listeners.forEach(listener -> {
            if (previous == null) {
                listener.onEntryCreated(key, value);
            } else {
                listener.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        if (entries.containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public synchronized <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        T present = get(key);
        if (present != null) {
            return present;
        }
        T created = valueSupplier.get();
        if (created != null) {
            put(key, created);
        }
        return created;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        V present = (V) entries.get(key);
        if (present == null) {
            return;
        }
        V updated = update.apply(present);
        if (updated == null) {
            remove(key);
        } else {
            put(key, updated);
        }
    }

    @Override
    public synchronized boolean remove(Object key) {
        boolean removed = entries.remove(key) != null;
        if (removed) {
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public synchronized void removeAll() {
        List.copyOf(entries.keySet()).forEach(this::remove);
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        // A look without touching the order: asking is not using.
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    synchronized int size() {
        return entries.size();
    }
}
