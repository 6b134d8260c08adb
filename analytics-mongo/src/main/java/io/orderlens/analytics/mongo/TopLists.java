package io.orderlens.analytics.mongo;

import com.mongodb.client.model.Filters;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.Ranking;
import io.orderlens.analytics.spi.Scan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The first rows of a ranking over a whole collection, read with a threshold so that the server sorts a few
 * documents instead of all of them.
 *
 * <p>For each ranking and limit it has read before, it remembers the value of the ranking's first sort key in the
 * last row it returned (the <em>threshold</em>), and next time reads only the documents at or above it
 * ({@code {revenue: {$gte: t}}}), sorted and limited as before. Only rankings whose first key is a descending
 * number use thresholds (every document of a ranked collection has that field). Every document below the
 * threshold ranks after every document at or above it, so when that read returns {@code limit} rows they are exactly
 * the first {@code limit} rows of the whole collection. When it returns fewer (values fell below the threshold:
 * refunds, cancels, a rebuild, writes of another instance), it reads again without a threshold. A threshold is a
 * hint for speed only: a stale one costs the second read, never a wrong list.
 *
 * <p>Cost: one find per call while the threshold holds, two when it does not, one the first time. A server without a
 * usable index (the in-process test server) evaluates the filter on each document but sorts only the documents that
 * pass it; a real server answers it from the ranking's index ({@code {revenue: -1, _id: 1}}) and reads about
 * {@code limit} entries. At most {@value #MAX_THRESHOLDS} thresholds are kept. Thread-safe.
 */
final class TopLists {
    static final int MAX_THRESHOLDS = 64;

    /** A ranking and a limit; rankings compare by identity, as core defines each one once. */
    private record ListKey(Ranking<?> ranking, int limit) {}

    private final StoreCollections collections;
    private final ConcurrentMap<ListKey, Object> thresholds = new ConcurrentHashMap<>();

    TopLists(StoreCollections collections) {
        this.collections = collections;
    }

    /**
     * The first {@code limit} rows of {@code ranking} among the rows {@code scan} selects, in the ranking's order.
     * Thresholds are used and remembered for {@link Scan#all()} only.
     *
     * @throws io.orderlens.analytics.StoreException if a read fails
     */
    <T extends Counters> List<T> top(CounterDocuments.Shape<T> shape, Ranking<T> ranking, Scan scan, int limit) {
        Bson filter = shape.filter(scan);
        if (!(scan instanceof Scan.All) || !ranking.keys().get(0).descending()) {
            return decode(shape, find(shape, ranking, scan, filter, limit));
        }
        ListKey key = new ListKey(ranking, limit);
        Object threshold = thresholds.get(key);
        if (threshold != null) {
            Bson atOrAbove = Filters.gte(shape.field(ranking.keys().get(0).field()), threshold);
            List<Document> above = find(shape, ranking, scan, Filters.and(filter, atOrAbove), limit);
            if (above.size() == limit) {
                remember(shape, ranking, key, above);
                return decode(shape, above);
            }
            thresholds.remove(key, threshold);
        }
        List<Document> all = find(shape, ranking, scan, filter, limit);
        remember(shape, ranking, key, all);
        return decode(shape, all);
    }

    /** How many thresholds are remembered (for tests). */
    int thresholds() {
        return thresholds.size();
    }

    private <T extends Counters> List<Document> find(
            CounterDocuments.Shape<T> shape, Ranking<T> ranking, Scan scan, Bson filter, int limit) {
        List<Document> out = new ArrayList<>(Math.min(limit, 1024));
        Failures.run(
                "reading " + ranking + " of " + shape.describe(scan),
                () -> collections
                        .collection(shape.collection())
                        .find(filter)
                        .projection(shape.projection())
                        .sort(shape.sort(ranking))
                        .limit(limit)
                        .batchSize(limit + 1)
                        .into(out));
        return out;
    }

    private <T extends Counters> void remember(
            CounterDocuments.Shape<T> shape, Ranking<T> ranking, ListKey key, List<Document> rows) {
        if (rows.size() < key.limit()) {
            thresholds.remove(key);
            return;
        }
        Object value =
                rows.get(rows.size() - 1).get(shape.field(ranking.keys().get(0).field()));
        if (!(value instanceof Long || value instanceof Integer)) {
            return;
        }
        if (thresholds.containsKey(key) || thresholds.size() < MAX_THRESHOLDS) {
            thresholds.put(key, value);
        }
    }

    private static <T extends Counters> List<T> decode(CounterDocuments.Shape<T> shape, List<Document> docs) {
        List<T> out = new ArrayList<>(docs.size());
        for (Document d : docs) {
            T row = shape.decode(d);
            if (row != null) {
                out.add(row);
            }
        }
        return out;
    }
}
