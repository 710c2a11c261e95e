package org.pathwaysledger.infrastructure.projection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The processed event ids of a read model being built from scratch (a rebuild's fresh copy), kept in memory so that
 * replaying does not pay one B-tree insert per event into {@code processed_event}'s unique index.
 *
 * <p>A rebuild fills a fresh schema that is thrown away if the rebuild fails, so every id it has applied went through
 * this set: a redelivered event (the publisher delivers at least once) is found here, in the batch or in any earlier
 * one, whichever of the rebuild's consumers applied it. The consumers still write every applied id to
 * {@code processed_event} (by COPY, in the batch's transaction) but without its primary key, which
 * {@link #dropPrimaryKey} removed at the start and {@link #ensurePrimaryKey} builds once, in one sort, when the copy
 * has caught up: the serving consumer after the switch de-duplicates redeliveries against it exactly as before. A
 * double application that got past this set would make that build fail (two equal ids) and the rebuild with it,
 * rather than switch to a wrong copy.
 *
 * <p>Bounded: past {@code capacity} ids the consumers fall back for good to the database path (the primary key is
 * built at that moment, then one {@code insert ... on conflict do nothing} per batch, as for the serving copy), which
 * also sees the ids written by COPY before. Canonical (lower-case, 36-character) UUIDs, the publisher's ids, are kept
 * as two longs in an open-addressing table (16 bytes each, at most 60% full, growing by doubling); any other id in a
 * plain hash set.
 */
public final class InMemoryProcessedIds {

    private static final double MAX_LOAD = 0.6;

    private final String schema;
    private final int capacity;
    /** Pairs (high, low); the pair (0, 0) marks an empty slot, the nil UUID itself is {@link #hasNil}. */
    private long[] table = new long[2 * 1024];
    private int mask = 1023;
    private int uuids;
    private boolean hasNil;
    private final Set<String> others = new HashSet<>();
    private volatile boolean overflowed;
    private volatile boolean primaryKey;

    public InMemoryProcessedIds(String schema, int capacity) {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("schema must be a plain lower-case name: " + schema);
        }
        this.schema = schema;
        this.capacity = capacity;
    }

    /** Removes {@code processed_event}'s primary key in a fresh copy (put back by {@link #ensurePrimaryKey}). */
    public static void dropPrimaryKey(Connection connection, String schema) throws SQLException {
        String name = primaryKeyName(connection, schema);
        if (name != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("alter table " + schema + ".processed_event drop constraint \"" + name.replace("\"", "\"\"") + "\"");
            }
        }
    }

    /** Builds {@code processed_event}'s primary key if it is missing (when caught up, or when falling back). */
    public synchronized void ensurePrimaryKey(DataSource dataSource) throws SQLException {
        if (primaryKey) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (primaryKeyName(connection, schema) == null) {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("alter table " + schema + ".processed_event add primary key (event_id)");
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            }
        }
        primaryKey = true;
    }

    private static String primaryKeyName(Connection connection, String schema) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select c.conname from pg_constraint c
                join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
                where n.nspname = ? and t.relname = 'processed_event' and c.contype = 'p'""")) {
            select.setString(1, schema);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** True once the ids outgrew the capacity: from then on the database de-duplicates. */
    public boolean overflowed() {
        return overflowed;
    }

    public synchronized int size() {
        return uuids + others.size() + (hasNil ? 1 : 0);
    }

    /**
     * Records a batch's ids; returns those not seen before (each once, in order), or null if they would take the set
     * past its capacity (nothing recorded; the caller uses the database from now on). The caller must
     * {@link #release} the returned ids if its transaction does not commit.
     */
    public synchronized Set<String> claim(List<String> ids) {
        if (overflowed || size() + ids.size() > capacity) {
            overflowed = true;
            return null;
        }
        Set<String> fresh = new LinkedHashSet<>();
        for (String id : ids) {
            if (add(id)) {
                fresh.add(id);
            }
        }
        return fresh;
    }

    /** Forgets ids claimed by a batch whose transaction did not commit (it will be read and claimed again). */
    public synchronized void release(Set<String> claimed) {
        for (String id : claimed) {
            remove(id);
        }
    }

    private boolean add(String id) {
        long[] uuid = canonicalUuid(id);
        if (uuid == null) {
            return others.add(id);
        }
        long high = uuid[0];
        long low = uuid[1];
        if (high == 0 && low == 0) {
            boolean added = !hasNil;
            hasNil = true;
            return added;
        }
        int slot = home(high, low);
        while (table[2 * slot] != 0 || table[2 * slot + 1] != 0) {
            if (table[2 * slot] == high && table[2 * slot + 1] == low) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        table[2 * slot] = high;
        table[2 * slot + 1] = low;
        if (++uuids > MAX_LOAD * (mask + 1)) {
            grow();
        }
        return true;
    }

    private void remove(String id) {
        long[] uuid = canonicalUuid(id);
        if (uuid == null) {
            others.remove(id);
            return;
        }
        long high = uuid[0];
        long low = uuid[1];
        if (high == 0 && low == 0) {
            hasNil = false;
            return;
        }
        int slot = home(high, low);
        while (table[2 * slot] != high || table[2 * slot + 1] != low) {
            if (table[2 * slot] == 0 && table[2 * slot + 1] == 0) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        // Backward-shift deletion: entries after the hole that could live in it move up, so no probe chain breaks.
        int hole = slot;
        int next = hole;
        while (true) {
            next = (next + 1) & mask;
            if (table[2 * next] == 0 && table[2 * next + 1] == 0) {
                break;
            }
            int wanted = home(table[2 * next], table[2 * next + 1]);
            // The entry at next may fill the hole unless its home lies cyclically in (hole, next].
            boolean homeBetween = hole <= next ? hole < wanted && wanted <= next : hole < wanted || wanted <= next;
            if (!homeBetween) {
                table[2 * hole] = table[2 * next];
                table[2 * hole + 1] = table[2 * next + 1];
                hole = next;
            }
        }
        table[2 * hole] = 0;
        table[2 * hole + 1] = 0;
        uuids--;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        mask = (mask << 1) | 1;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0 || old[i + 1] != 0) {
                int slot = home(old[i], old[i + 1]);
                while (table[2 * slot] != 0 || table[2 * slot + 1] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[2 * slot] = old[i];
                table[2 * slot + 1] = old[i + 1];
            }
        }
    }

    private int home(long high, long low) {
        long mixed = (high * 0x9E3779B97F4A7C15L) ^ (low * 0xC2B2AE3D27D4EB4FL);
        return (int) (mixed ^ (mixed >>> 32)) & mask;
    }

    /** The two halves of a lower-case canonical UUID (8-4-4-4-12 hex digits), or null for any other text. */
    static long[] canonicalUuid(String id) {
        if (id == null || id.length() != 36 || id.charAt(8) != '-' || id.charAt(13) != '-' || id.charAt(18) != '-' || id.charAt(23) != '-') {
            return null;
        }
        long high = 0;
        long low = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                continue;
            }
            char c = id.charAt(i);
            int value;
            if (c >= '0' && c <= '9') {
                value = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                value = c - 'a' + 10;
            } else {
                return null;
            }
            if (digits < 16) {
                high = (high << 4) | value;
            } else {
                low = (low << 4) | value;
            }
            digits++;
        }
        return new long[] {high, low};
    }
}
