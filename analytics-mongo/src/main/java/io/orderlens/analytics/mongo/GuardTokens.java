package io.orderlens.analytics.mongo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The guard version this store instance last saw on each aggregate document, so that the first write of a new batch
 * can compare-and-set without reading the documents first. A hint, never a source of truth: a wrong or stale value
 * only makes a compare-and-set miss, after which the batch protocol reads the document and tries again. Guard
 * versions are random 63-bit tokens, so a value remembered for another state of the document (or, through a hash
 * collision, for another document) matches the document's current token only with probability 2<sup>-63</sup>.
 *
 * <p>Memory is bounded: an open-addressing table of two {@code long}s per entry that grows up to
 * {@code maxEntries} and is emptied when it would exceed them. Thread-safe (every method is synchronized; each is a
 * few array accesses).
 */
final class GuardTokens {
    /** Token meaning "not known": such a document is presumed absent (a guard version of 0). */
    static final long UNKNOWN = 0L;

    private static final int INITIAL_SLOTS = 1 << 12;

    private final int maxEntries;
    private long[] keys;
    private long[] tokens;
    private int size;

    /** @param maxEntries most documents remembered; 0 remembers nothing */
    GuardTokens(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.keys = new long[maxEntries == 0 ? 0 : INITIAL_SLOTS];
        this.tokens = new long[keys.length];
    }

    boolean enabled() {
        return maxEntries > 0;
    }

    /** The remembered token of document {@code id} of {@code collection}, or {@link #UNKNOWN}. */
    synchronized long get(StoreCollection collection, String id) {
        if (!enabled()) {
            return UNKNOWN;
        }
        long key = key(collection, id);
        int mask = keys.length - 1;
        for (int i = slot(key, mask); keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return tokens[i];
            }
        }
        return UNKNOWN;
    }

    /** Remembers {@code token} (or {@link #UNKNOWN}, to forget) for document {@code id} of {@code collection}. */
    synchronized void put(StoreCollection collection, String id, long token) {
        if (!enabled()) {
            return;
        }
        long key = key(collection, id);
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != 0) {
            if (keys[i] == key) {
                tokens[i] = token;
                return;
            }
            i = (i + 1) & mask;
        }
        if (token == UNKNOWN) {
            return;
        }
        if (size + 1 > maxEntries) {
            clear();
            put(collection, id, token);
            return;
        }
        if ((size + 1) * 2L > keys.length) {
            grow();
            put(collection, id, token);
            return;
        }
        keys[i] = key;
        tokens[i] = token;
        size++;
    }

    /** Forgets every document. */
    synchronized void clear() {
        Arrays.fill(keys, 0L);
        Arrays.fill(tokens, 0L);
        size = 0;
    }

    /** Documents remembered (including forgotten ones whose slot is kept), for tests. */
    synchronized int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldTokens = tokens;
        keys = new long[oldKeys.length * 2];
        tokens = new long[keys.length];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = slot(oldKeys[j], mask);
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                tokens[i] = oldTokens[j];
            }
        }
    }

    private static int slot(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }

    /** A 64-bit hash of the collection and the id (FNV-1a over the UTF-8 bytes, then a finaliser); never 0. */
    static long key(StoreCollection collection, String id) {
        long h = 0xcbf29ce484222325L ^ collection.ordinal();
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
