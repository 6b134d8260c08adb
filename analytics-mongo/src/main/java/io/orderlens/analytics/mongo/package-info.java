/**
 * The MongoDB store: {@link io.orderlens.analytics.mongo.MongoAnalyticsStore}, its builder and
 * {@link io.orderlens.analytics.mongo.MongoStoreOptions}; everything else is package-private. Exactly-once batches
 * without transactions, plain documented documents, driver failures translated to
 * {@link io.orderlens.analytics.StoreException}. Thread-safe. Document shapes and the batch protocol are in the
 * module README.
 */
package io.orderlens.analytics.mongo;
