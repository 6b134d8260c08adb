package io.orderlens.analytics.redis;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An in-process map from entry keys to decoded values, bounded by the estimated heap size of what it holds: when a
 * put takes the total above the bound, least recently used entries are evicted until it fits again. Each entry also
 * has a deadline (the lifetime of its Redis twin) after which it is no longer returned. Values are handed to every
 * reader as they are, so they must be immutable. Thread-safe; every operation holds the lock for a map operation or
 * two, never for a Redis call or a computation.
 */
final class NearCache {
    /**
     * Heap bytes per JSON character of a decoded value, rounded up from what the query API's results measure (1.8
     * to 2.0 for customer profiles, dashboards and lists of products or days).
     */
    static final int BYTES_PER_JSON_CHAR = 2;
    /** Map node, entry record and key string headers, per entry. */
    static final int ENTRY_OVERHEAD = 128;

    private record Entry(Object value, long weight, long deadline) {}

    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private long evictions;

    /** @param maxBytes the bound of {@link #bytes()}; positive */
    NearCache(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The estimated heap size of an entry under {@code key} whose value is {@code jsonLength} characters of JSON. */
    static long weight(String key, int jsonLength) {
        return (long) BYTES_PER_JSON_CHAR * jsonLength + key.length() + ENTRY_OVERHEAD;
    }

    /**
     * The value under {@code key}, or null if there is none or its deadline is not after {@code now} (an expired
     * entry is removed). A returned entry becomes the most recently used.
     */
    Object get(String key, long now) {
        synchronized (this) {
            Entry e = entries.get(key);
            if (e == null) {
                return null;
            }
            if (e.deadline() > now) {
                return e.value();
            }
            entries.remove(key);
            bytes -= e.weight();
            return null;
        }
    }

    /**
     * Puts {@code value} under {@code key} until {@code deadline}, replacing an entry already there, then evicts least
     * recently used entries until the total weight is within the bound. A value heavier than the whole bound is not
     * kept.
     */
    void put(String key, Object value, long weight, long deadline) {
        if (weight > maxBytes) {
            return;
        }
        Entry fresh = new Entry(value, weight, deadline);
        synchronized (this) {
            Entry old = entries.put(key, fresh);
            bytes += weight - (old == null ? 0 : old.weight());
            Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
            while (bytes > maxBytes) {
                Entry evicted = eldest.next().getValue();
                eldest.remove();
                bytes -= evicted.weight();
                evictions++;
            }
        }
    }

    synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    /** The estimated heap size of the entries held; at most the bound. */
    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return entries.size();
    }

    /** Entries removed to stay within the bound, ever. */
    synchronized long evictions() {
        return evictions;
    }

    long maxBytes() {
        return maxBytes;
    }
}
