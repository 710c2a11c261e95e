package org.pathwaysledger.analytics.outcome;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last few suppression decisions across scopes, by key (a family, an as-of moment and the read model's data
 * position): a decision is worked out once per data position and read by every answer until the next event. Two
 * requests that miss together both compute it (the same result); the first stored stays.
 */
public final class DecisionCache<K, V> {

    private static final int KEPT = 32;

    private final Map<K, V> decisions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > KEPT;
        }
    };

    public V get(K key, Supplier<V> decide) {
        synchronized (decisions) {
            V decided = decisions.get(key);
            if (decided != null) {
                return decided;
            }
        }
        V decided = decide.get();
        synchronized (decisions) {
            return decisions.computeIfAbsent(key, same -> decided);
        }
    }
}
