package io.orderlens.analytics.mongo;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.conversions.Bson;

/**
 * The indexes of the store's collections: the unique {@code {_id, version}} indexes the batch path's
 * compare-and-sets use, and the compound indexes that serve the ranked reads on a real server. Stateless.
 */
final class StoreIndexes {
    private StoreIndexes() {}

    /** Creates every index of the store's collections; idempotent (an existing index is left as it is). */
    static void create(StoreCollections collections) {
        // unique {_id, version} indexes: redundant with _id on a real server, but they let servers that use an
        // index only for an exact match of its fields (such as in-process test servers) serve every
        // compare-and-set of the batch path from an index
        uniqueIndex(collections, StoreCollection.LEDGER, "id_version", LedgerDocuments.VERSION);
        for (StoreCollection aggregate : StoreCollection.AGGREGATES) {
            uniqueIndex(collections, aggregate, "id_guard_version", AggregateDocuments.GUARD_VERSION);
        }
        uniqueIndex(collections, StoreCollection.BASELINE, "id_guard_version", AggregateDocuments.GUARD_VERSION);
        index(
                collections,
                StoreCollection.PRODUCTS,
                "units_desc",
                Indexes.compoundIndex(Indexes.descending("units"), Indexes.ascending("_id")));
        index(
                collections,
                StoreCollection.PRODUCTS,
                "revenue_desc",
                Indexes.compoundIndex(Indexes.descending("revenue"), Indexes.ascending("_id")));
        index(
                collections,
                StoreCollection.CUSTOMERS,
                "spent_desc",
                Indexes.compoundIndex(Indexes.descending("spent"), Indexes.ascending("_id")));
        index(collections, StoreCollection.CUSTOMERS, "first_order_day", Indexes.ascending("firstOrderDay"));
        index(
                collections,
                StoreCollection.CUSTOMER_PRODUCTS,
                "customer_units_desc",
                Indexes.compoundIndex(
                        Indexes.ascending("customerId"),
                        Indexes.descending("units"),
                        Indexes.descending("spend"),
                        Indexes.ascending("productId")));
        index(
                collections,
                StoreCollection.CUSTOMER_CATEGORIES,
                "customer_orders_desc",
                Indexes.compoundIndex(
                        Indexes.ascending("customerId"),
                        Indexes.descending("orders"),
                        Indexes.descending("spend"),
                        Indexes.ascending("category")));
        index(
                collections,
                StoreCollection.CATEGORIES,
                "revenue_desc",
                Indexes.compoundIndex(Indexes.descending("revenue"), Indexes.ascending("_id")));
        index(
                collections,
                StoreCollection.DAY_COUNTRIES,
                "date_country",
                Indexes.compoundIndex(Indexes.ascending("date"), Indexes.ascending("country")));
        index(
                collections,
                StoreCollection.DAY_COUNTRIES,
                "kind_date",
                Indexes.compoundIndex(Indexes.ascending(CounterDocuments.KIND), Indexes.ascending("date")));
        index(
                collections,
                StoreCollection.EXPERIMENT_CUSTOMERS,
                "experiment_customer",
                Indexes.compoundIndex(Indexes.ascending("experiment"), Indexes.ascending("customerId")));
        // a customer's days (documents of kind "day" among the customer categories)
        index(
                collections,
                StoreCollection.CUSTOMER_CATEGORIES,
                "customer_date",
                Indexes.compoundIndex(Indexes.ascending("customerId"), Indexes.ascending("date")));
        index(
                collections,
                StoreCollection.EXPERIMENT_VARIATIONS,
                "experiment_variation",
                Indexes.compoundIndex(Indexes.ascending("experiment"), Indexes.ascending("variation")));
        index(
                collections,
                StoreCollection.BATCHES,
                "state_created",
                Indexes.compoundIndex(Indexes.ascending("state"), Indexes.ascending("createdAt")));
    }

    private static void uniqueIndex(
            StoreCollections collections, StoreCollection target, String name, String versionField) {
        collections
                .collection(target)
                .createIndex(
                        Indexes.compoundIndex(Indexes.ascending("_id"), Indexes.ascending(versionField)),
                        new IndexOptions().name(name).unique(true));
    }

    private static void index(StoreCollections collections, StoreCollection target, String name, Bson keys) {
        collections.collection(target).createIndex(keys, new IndexOptions().name(name));
    }
}
