package io.orderlens.analytics.memory;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Rows by a string key (product id, category) in an open-addressing table at most half full, each slot's key and its
 * hash in arrays beside the row: a lookup compares hashes and keys in those arrays and reads no row but the one it
 * finds, and a new row takes no entry object.
 *
 * <p>As a {@link Map} it supports reads, {@link #remove}, {@link #clear} and {@code values().removeIf} (both rebuild
 * the table); rows are added with {@link #add}. Not thread-safe: written under the store's write lock, read under its
 * read lock.
 */
final class RowTable<R> extends AbstractMap<String, R> {
    private static final int INITIAL = 8;

    private String[] keys = new String[INITIAL];
    private int[] hashes = new int[INITIAL];
    private Object[] rows = new Object[INITIAL];
    private int size;

    /** The row under {@code key}, or null. */
    @SuppressWarnings("unchecked")
    R find(String key) {
        int h = key.hashCode();
        String[] k = keys;
        int mask = k.length - 1;
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            String at = k[i];
            if (at == null) {
                return null;
            }
            if (hashes[i] == h && (at == key || at.equals(key))) {
                return (R) rows[i];
            }
        }
    }

    /**
     * Adds {@code row} under {@code key}; requires that no row is under {@code key} yet ({@link #find} returned null).
     *
     * @throws NullPointerException if either is null
     */
    void add(String key, R row) {
        Objects.requireNonNull(row, "row");
        if (2 * (size + 1) > keys.length) {
            resize(keys.length * 2);
        }
        insert(key, key.hashCode(), row);
        size++;
    }

    @Override
    public R get(Object key) {
        return key instanceof String k ? find(k) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public R remove(Object key) {
        R row = get(key);
        if (row != null) {
            removeIf(r -> r == row);
        }
        return row;
    }

    @Override
    public void clear() {
        keys = new String[INITIAL];
        hashes = new int[INITIAL];
        rows = new Object[INITIAL];
        size = 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Collection<R> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<R> iterator() {
                return new Slots<>(rows) {
                    @Override
                    @SuppressWarnings("unchecked")
                    R at(int slot, Object row) {
                        return (R) row;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }

            @Override
            public boolean removeIf(Predicate<? super R> filter) {
                return RowTable.this.removeIf(filter);
            }
        };
    }

    @Override
    public Set<Map.Entry<String, R>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, R>> iterator() {
                String[] k = keys;
                return new Slots<>(rows) {
                    @Override
                    @SuppressWarnings("unchecked")
                    Map.Entry<String, R> at(int slot, Object row) {
                        return new SimpleImmutableEntry<>(k[slot], (R) row);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** Removes the rows {@code filter} accepts; true if any was. */
    @SuppressWarnings("unchecked")
    private boolean removeIf(Predicate<? super R> filter) {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        Object[] oldRows = rows;
        boolean removed = false;
        for (int i = 0; i < oldRows.length; i++) {
            if (oldRows[i] != null && filter.test((R) oldRows[i])) {
                oldRows[i] = null;
                removed = true;
            }
        }
        if (!removed) {
            return false;
        }
        keys = new String[oldKeys.length];
        hashes = new int[oldKeys.length];
        rows = new Object[oldKeys.length];
        size = 0;
        for (int i = 0; i < oldRows.length; i++) {
            if (oldRows[i] != null) {
                insert(oldKeys[i], oldHashes[i], oldRows[i]);
                size++;
            }
        }
        return true;
    }

    private void resize(int capacity) {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        Object[] oldRows = rows;
        keys = new String[capacity];
        hashes = new int[capacity];
        rows = new Object[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldHashes[i], oldRows[i]);
            }
        }
    }

    /** Puts the row in the first free slot of its probe sequence; requires a free slot and no equal key. */
    private void insert(String key, int h, Object row) {
        int mask = keys.length - 1;
        int i = spread(h) & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        hashes[i] = h;
        rows[i] = row;
    }

    /**
     * The slot bits of a hash, mixed so that keys of dense hashes (ids that differ in their last characters) do not
     * fill runs of adjacent slots, which linear probing would have to walk.
     */
    static int spread(int h) {
        int x = h ^ (h >>> 16);
        x *= 0x85EBCA6B;
        x ^= x >>> 13;
        x *= 0xC2B2AE35;
        return x ^ (x >>> 16);
    }

    /** The occupied slots of one table, in slot order; does not support removal. */
    private abstract static class Slots<E> implements Iterator<E> {
        private final Object[] table;
        private int next;

        Slots(Object[] table) {
            this.table = table;
            this.next = advance(0);
        }

        /** The element of the occupied {@code slot}, whose row is {@code row}. */
        abstract E at(int slot, Object row);

        private int advance(int from) {
            int i = from;
            while (i < table.length && table[i] == null) {
                i++;
            }
            return i;
        }

        @Override
        public boolean hasNext() {
            return next < table.length;
        }

        @Override
        public E next() {
            if (next >= table.length) {
                throw new NoSuchElementException();
            }
            E e = at(next, table[next]);
            next = advance(next + 1);
            return e;
        }
    }
}
