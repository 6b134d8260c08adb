package io.orderlens.analytics.memory;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One customer's customer × product rows by product id: an open-addressing table of the rows themselves, each slot's
 * id hash kept beside it, at most half full. A lookup reads the two arrays and the row it finds, and a new row takes
 * no entry object.
 *
 * <p>As a {@link Map} it is a read-only view except {@code values().removeIf}, which rebuilds the table without the
 * removed rows. Not thread-safe: written under the store's write lock, read under its read lock.
 */
final class ProductRows extends AbstractMap<String, Accumulator.CustomerProduct> {
    private static final int INITIAL = 8;

    private Accumulator.CustomerProduct[] rows = new Accumulator.CustomerProduct[INITIAL];
    private int[] hashes = new int[INITIAL];
    private int size;

    /** The row of {@code productId}, added (empty, for {@code customerId}) if there is none yet. */
    Accumulator.CustomerProduct row(String customerId, String productId) {
        int h = productId.hashCode();
        int mask = rows.length - 1;
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            Accumulator.CustomerProduct at = rows[i];
            if (at == null) {
                Accumulator.CustomerProduct row = new Accumulator.CustomerProduct(customerId, productId);
                if (2 * (size + 1) > rows.length) {
                    grow();
                    insert(row, h);
                } else {
                    rows[i] = row;
                    hashes[i] = h;
                }
                size++;
                return row;
            }
            if (hashes[i] == h && matches(at, productId)) {
                return at;
            }
        }
    }

    @Override
    public Accumulator.CustomerProduct get(Object key) {
        if (!(key instanceof String productId)) {
            return null;
        }
        int h = productId.hashCode();
        int mask = rows.length - 1;
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            Accumulator.CustomerProduct at = rows[i];
            if (at == null) {
                return null;
            }
            if (hashes[i] == h && matches(at, productId)) {
                return at;
            }
        }
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Collection<Accumulator.CustomerProduct> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<Accumulator.CustomerProduct> iterator() {
                return new RowIterator();
            }

            @Override
            public int size() {
                return size;
            }

            @Override
            public boolean removeIf(Predicate<? super Accumulator.CustomerProduct> filter) {
                return ProductRows.this.removeIf(filter);
            }
        };
    }

    @Override
    public Set<Map.Entry<String, Accumulator.CustomerProduct>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Accumulator.CustomerProduct>> iterator() {
                RowIterator each = new RowIterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return each.hasNext();
                    }

                    @Override
                    public Map.Entry<String, Accumulator.CustomerProduct> next() {
                        Accumulator.CustomerProduct row = each.next();
                        return new SimpleImmutableEntry<>(row.productId(), row);
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
    private boolean removeIf(Predicate<? super Accumulator.CustomerProduct> filter) {
        Accumulator.CustomerProduct[] old = rows;
        int[] oldHashes = hashes;
        Accumulator.CustomerProduct[] kept = new Accumulator.CustomerProduct[old.length];
        int[] keptHashes = new int[old.length];
        int n = 0;
        for (int i = 0; i < old.length; i++) {
            if (old[i] != null && !filter.test(old[i])) {
                kept[n] = old[i];
                keptHashes[n] = oldHashes[i];
                n++;
            }
        }
        if (n == size) {
            return false;
        }
        rows = new Accumulator.CustomerProduct[old.length];
        hashes = new int[old.length];
        for (int i = 0; i < n; i++) {
            insert(kept[i], keptHashes[i]);
        }
        size = n;
        return true;
    }

    private void grow() {
        Accumulator.CustomerProduct[] old = rows;
        int[] oldHashes = hashes;
        rows = new Accumulator.CustomerProduct[old.length * 2];
        hashes = new int[old.length * 2];
        for (int i = 0; i < old.length; i++) {
            if (old[i] != null) {
                insert(old[i], oldHashes[i]);
            }
        }
    }

    /** Puts {@code row} in the first free slot of its probe sequence; requires a free slot and no equal id. */
    private void insert(Accumulator.CustomerProduct row, int h) {
        int mask = rows.length - 1;
        int i = spread(h) & mask;
        while (rows[i] != null) {
            i = (i + 1) & mask;
        }
        rows[i] = row;
        hashes[i] = h;
    }

    private static boolean matches(Accumulator.CustomerProduct row, String productId) {
        String id = row.productId();
        return id == productId || id.equals(productId);
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** The rows in table order; does not support removal. */
    private final class RowIterator implements Iterator<Accumulator.CustomerProduct> {
        private final Accumulator.CustomerProduct[] table = rows;
        private int next = advance(0);

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
        public Accumulator.CustomerProduct next() {
            if (next >= table.length) {
                throw new NoSuchElementException();
            }
            Accumulator.CustomerProduct row = table[next];
            next = advance(next + 1);
            return row;
        }
    }
}
