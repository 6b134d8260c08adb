package io.orderlens.analytics.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.orderlens.analytics.spi.Counters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Reads by {@code _id}: documents of a set of ids in one find per chunk, and the row keys a customer document lists.
 * Thread-safe.
 */
final class KeyedReads {
    private final StoreCollections collections;
    private final int chunkSize;

    KeyedReads(StoreCollections collections, int chunkSize) {
        this.collections = collections;
        this.chunkSize = chunkSize;
    }

    /**
     * The {@code _id}s of the rows of customer {@code customerId} in {@code shape}'s collection, as its customer
     * document lists them (none if there is no such document); empty if the document predates these lists.
     */
    Optional<List<String>> rowKeys(CounterDocuments.Shape<?> shape, String customerId) {
        String field = AggregateDocuments.rowKeysField(shape.aggregate());
        Document d = Failures.translate(
                "reading the row keys of customer " + customerId,
                () -> collections
                        .collection(StoreCollection.CUSTOMERS)
                        .find(Filters.eq("_id", customerId))
                        .projection(Projections.include(field, AggregateDocuments.ROWS_KEPT))
                        .first());
        if (d == null) {
            return Optional.of(List.of());
        }
        if (!d.containsKey(AggregateDocuments.ROWS_KEPT)) {
            return Optional.empty();
        }
        return Optional.of(d.getList(field, String.class, List.of()));
    }

    /**
     * The rows of {@code shape}'s aggregate under {@code keys} that exist, by key; one find by {@code _id $in} per
     * chunk of keys. {@code doing} names the read of a chunk of the given size in failure messages.
     */
    <T extends Counters> Map<String, T> rows(
            CounterDocuments.Shape<T> shape, Collection<String> keys, IntFunction<String> doing) {
        Objects.requireNonNull(keys, "keys");
        List<String> ids = new ArrayList<>(keys.size());
        for (String key : keys) {
            ids.add(shape.documentId(Objects.requireNonNull(key, "key")));
        }
        Map<String, T> out = new HashMap<>();
        many(shape.collection(), ids, doing, shape.projection(), shape::decode)
                .forEach((id, row) -> out.put(shape.keyOf(id), row));
        return out;
    }

    /**
     * The documents of {@code ids} that exist, decoded, by {@code _id}; one find per chunk of ids. A document
     * {@code decode} returns null for is left out.
     */
    <T> Map<String, T> many(
            StoreCollection target,
            Collection<String> ids,
            String what,
            Bson projection,
            Function<Document, T> decode) {
        return many(target, ids, n -> "reading " + n + " " + what, projection, decode);
    }

    /** As above; {@code doing} names the read of a chunk of the given size in failure messages. */
    <T> Map<String, T> many(
            StoreCollection target,
            Collection<String> ids,
            IntFunction<String> doing,
            Bson projection,
            Function<Document, T> decode) {
        Objects.requireNonNull(ids, "ids");
        Map<String, T> out = new HashMap<>();
        List<String> all = List.copyOf(new LinkedHashSet<>(ids));
        for (int i = 0; i < all.size(); i += chunkSize) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + chunkSize));
            Failures.run(
                    doing.apply(chunk.size()),
                    () -> collections
                            .collection(target)
                            .find(Filters.in("_id", chunk))
                            .projection(projection)
                            .batchSize(chunk.size() + 1)
                            .forEach(d -> {
                                String id = d.getString("_id");
                                T value = decode.apply(d);
                                if (value != null) {
                                    out.put(id, value);
                                }
                            }));
        }
        return out;
    }
}
