package io.orderlens.analytics.mongo;

import com.mongodb.WriteConcern;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.Ranking;
import io.orderlens.analytics.spi.Scan;
import io.orderlens.analytics.spi.StoreBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB store: aggregates in plain documents, ledger entries with their content in one binary body (shapes in
 * the module README), one unordered bulk
 * write per touched collection per batch, exactly-once effect without transactions, indexes for every top list.
 *
 * <pre>{@code
 * AnalyticsStore store = MongoAnalyticsStore.create(client.getDatabase("shop"));
 * Analytics analytics = Analytics.builder().store(store).zone(ZoneId.of("Europe/Berlin")).build();
 * }</pre>
 *
 * <p>Works with a standalone server, a replica set or a sharded cluster, MongoDB 6 and later; it needs no
 * transactions. Several stores (in one process or in many) may share one database: correctness rests on
 * single-document atomic updates. Creating a store creates its indexes (idempotent). The store does not own the
 * {@code MongoClient} and does not close it. Thread-safe. Every driver failure is thrown as
 * {@link io.orderlens.analytics.StoreException} saying what the store was doing.
 */
public final class MongoAnalyticsStore implements AnalyticsStore {
    private static final Logger log = LoggerFactory.getLogger(MongoAnalyticsStore.class);
    private static final Bson NO_GUARD = Projections.exclude(
            AggregateDocuments.APPLIED,
            AggregateDocuments.GUARD_VERSION,
            AggregateDocuments.PRODUCT_ROWS,
            AggregateDocuments.CATEGORY_ROWS,
            AggregateDocuments.COUNTRY_ROWS);

    /**
     * Keys per {@code _id $in} find of day and day × country documents. A server without a secondary index matches
     * each found document against the whole list (measured on the in-process server: 1,682 day × country keys took
     * several times longer in chunks of 1,000 than in chunks of 100), so a long range reads in a few short finds.
     */
    static final int DATE_KEYS_PER_FIND = 100;

    private final StoreCollections collections;
    private final MongoStoreOptions options;
    private final BatchProtocol protocol;
    private final KeyedReads reads;
    private final TopLists topLists;

    private MongoAnalyticsStore(Builder b) {
        this.options = b.options;
        StoreCollections driver = new DriverCollections(b.database, b.options);
        this.collections = b.decorator.apply(driver);
        this.protocol = new BatchProtocol(collections, options, b.clock);
        this.reads = new KeyedReads(collections, options.chunkSize());
        this.topLists = new TopLists(collections);
        Failures.run("creating indexes", () -> StoreIndexes.create(collections));
        warnOfRetiredCollections();
    }

    /** A store with {@link MongoStoreOptions#defaults()} in {@code database}. */
    public static MongoAnalyticsStore create(MongoDatabase database) {
        return builder(database).build();
    }

    public static Builder builder(MongoDatabase database) {
        return new Builder(database);
    }

    /** The options this store runs with. */
    public MongoStoreOptions options() {
        return options;
    }

    /** The full name of one of this store's collections, e.g. {@code collectionName("products")}. */
    public String collectionName(String suffix) {
        for (StoreCollection c : StoreCollection.values()) {
            if (c.suffix().equals(suffix) && !c.retired()) {
                return options.collectionPrefix() + suffix;
            }
        }
        throw new IllegalArgumentException("no collection \"" + suffix + "\"; the store has "
                + Arrays.stream(StoreCollection.values())
                        .filter(c -> !c.retired())
                        .map(StoreCollection::suffix)
                        .toList());
    }

    // ----- ledger -----

    @Override
    public Map<String, LedgerEntry> ledger(Collection<String> keys) {
        return reads.many(
                StoreCollection.LEDGER,
                keys,
                "ledger entries",
                Projections.exclude(LedgerDocuments.BATCHES),
                this::ledgerEntry);
    }

    @Override
    public ApplyResult apply(StoreBatch batch) {
        Objects.requireNonNull(batch, "batch");
        try {
            return protocol.apply(batch);
        } catch (org.bson.BSONException | org.bson.codecs.configuration.CodecConfigurationException e) {
            throw Failures.rejected("applying batch " + batch.batchId(), e);
        }
    }

    /**
     * Compacts entries exactly once per batch id without transactions (the batch steps of the module README, with
     * the entries deleted after their effects reached the {@code baseline} collection): per part of at most
     * {@link MongoStoreOptions#chunkSize()} entries, a bounded number of commands whatever the number of entries.
     */
    @Override
    public ApplyResult compact(StoreBatch batch) {
        Objects.requireNonNull(batch, "batch");
        try {
            return protocol.compact(batch);
        } catch (org.bson.BSONException | org.bson.codecs.configuration.CodecConfigurationException e) {
            throw Failures.rejected("compacting batch " + batch.batchId(), e);
        }
    }

    /**
     * Per {@link MongoStoreOptions#chunkSize()} keys: on the aggregate's collection one {@code deleteMany} by
     * {@code _id $in} (rows with documents of their own) or one bulk write of {@code $unset}s of the row's fields
     * (rows sharing their documents with another aggregate's, such as a day and its funnel: the other row stays), and
     * one {@code deleteMany} by {@code _id $in} on {@code baseline} (row documents of an earlier version); then every
     * baseline segment holding one of the rows is rewritten without it (a compare-and-set on its version, read again
     * when a concurrent rewrite won). Idempotent; a crash half-way leaves some segments rewritten, and a new call
     * finishes.
     */
    @Override
    public void deleteRows(Aggregate<?> aggregate, Collection<String> keys) {
        CounterDocuments.Shape<?> shape = CounterDocuments.shape(aggregate);
        StoreCollection target = shape.collection();
        List<String> keyList = List.copyOf(keys);
        for (int from = 0; from < keyList.size(); from += options.chunkSize()) {
            List<String> chunk = keyList.subList(from, Math.min(keyList.size(), from + options.chunkSize()));
            List<String> ids = chunk.stream().map(shape::documentId).toList();
            List<String> baselineIds = chunk.stream()
                    .map(key -> BatchProtocol.baselineId(shape, key))
                    .toList();
            String doing = "deleting " + chunk.size() + " rows of " + shape.name();
            Optional<Bson> unset = shape.unsetRow(BatchProtocol.newGuardVersion());
            if (unset.isPresent()) {
                Failures.run(
                        doing,
                        () -> collections.bulkWrite(
                                target, List.of(new UpdateManyModel<>(Filters.in("_id", ids), unset.get()))));
            } else {
                Failures.run(doing, () -> collections.deleteMany(target, Filters.in("_id", ids)));
            }
            Failures.run(
                    "deleting " + chunk.size() + " baseline rows of " + shape.name(),
                    () -> collections.deleteMany(StoreCollection.BASELINE, Filters.in("_id", baselineIds)));
        }
        if (!keys.isEmpty()) {
            deleteFromSegments(aggregate, keys);
        }
    }

    private void deleteFromSegments(Aggregate<?> aggregate, Collection<String> keys) {
        String doing = "deleting " + keys.size() + " rows of " + aggregate.name() + " from the baseline segments";
        List<Document> segments = new ArrayList<>();
        Failures.run(
                doing,
                () -> collections
                        .collection(StoreCollection.BASELINE)
                        .find(BaselineSegments.ALL)
                        .into(segments));
        for (Document segment : segments) {
            Document current = segment;
            for (int round = 1; current != null; round++) {
                if (round > BatchProtocol.GUARD_ROUNDS) {
                    throw new StoreException("MongoDB store gave up " + doing + " after " + BatchProtocol.GUARD_ROUNDS
                            + " rounds of concurrent rewrites of segment \"" + segment.get("_id")
                            + "\"; call it again");
                }
                Binary rest = BaselineSegments.without(BaselineSegments.decode(current), aggregate, keys);
                if (rest == null) {
                    break;
                }
                Object id = current.get("_id");
                long version = current.get(BaselineSegments.VERSION) instanceof Long v ? v : 0L;
                List<WriteModel<Document>> rewrite = List.of(new UpdateOneModel<>(
                        Filters.and(Filters.eq("_id", id), Filters.eq(BaselineSegments.VERSION, version)),
                        Updates.combine(
                                Updates.set(BaselineSegments.ROWS, rest),
                                Updates.set(BaselineSegments.VERSION, version + 1))));
                BulkWriteResult result =
                        Failures.translate(doing, () -> collections.bulkWrite(StoreCollection.BASELINE, rewrite));
                if (result.getMatchedCount() == 1) {
                    break;
                }
                current = Failures.translate(
                        doing,
                        () -> collections
                                .collection(StoreCollection.BASELINE)
                                .find(Filters.eq("_id", id))
                                .first());
            }
        }
    }

    /** One find of the whole {@code baseline} collection, read in chunks: the sum of its segments and rows. */
    @Override
    public Delta baseline() {
        Map<String, CounterDocuments.Shape<?>> shapes = new java.util.HashMap<>();
        for (CounterDocuments.Shape<?> shape : CounterDocuments.all()) {
            shapes.put(shape.name(), shape);
        }
        Delta out = new Delta();
        Failures.run(
                "reading the baseline",
                () -> collections
                        .collection(StoreCollection.BASELINE)
                        .find()
                        .projection(NO_GUARD)
                        .batchSize(options.chunkSize())
                        .forEach(d -> {
                            if (BaselineSegments.isSegment(d)) {
                                BaselineSegments.decode(d).forEach(row -> row.addTo(out));
                                return;
                            }
                            String id = d.getString("_id");
                            int bar = id.indexOf('|');
                            CounterDocuments.Shape<?> shape = bar < 0 ? null : shapes.get(id.substring(0, bar));
                            if (shape == null) {
                                throw new StoreException("MongoDB store cannot read baseline document \"" + id
                                        + "\": its _id names no aggregate");
                            }
                            Document row = new Document(d);
                            row.put("_id", id.substring(bar + 1));
                            shape.decoder().apply(row).addTo(out);
                        }));
        return out;
    }

    @Override
    public void forEachLedgerEntry(Consumer<LedgerEntry> visitor) {
        Objects.requireNonNull(visitor, "visitor");
        Failures.run(
                "reading the ledger",
                () -> ledgerCollection()
                        .find()
                        .projection(Projections.exclude(LedgerDocuments.BATCHES))
                        .batchSize(options.chunkSize())
                        .forEach(d -> visitor.accept(ledgerEntry(d))));
    }

    /** The entry a whole ledger document (batch ids aside) holds; notes a document of the previous shape. */
    private LedgerEntry ledgerEntry(Document d) {
        if (LedgerDocuments.isPreviousShape(d)) {
            protocol.sawPreviousShape();
        }
        return LedgerDocuments.entry(d);
    }

    /**
     * Resumes batches that a crash (of this or another instance) left pending and are older than
     * {@link MongoStoreOptions#recoveryGrace()}, and deletes finished batch records older than
     * {@link MongoStoreOptions#batchRetention()}. Idempotent and safe to call concurrently from many instances;
     * hosts running several instances should call it periodically (e.g. every minute) so that a pending batch is
     * finished well before {@link MongoStoreOptions#guardWindow()} later batches touched the same documents.
     *
     * @return how many pending batches it finished
     */
    @Override
    public int recover() {
        return protocol.recover();
    }

    // ----- aggregates -----

    /** One find by {@code _id $in} per {@link MongoStoreOptions#chunkSize()} keys. */
    @Override
    public <T extends Counters> Map<String, T> read(Aggregate<T> aggregate, Collection<String> keys) {
        CounterDocuments.Shape<T> shape = CounterDocuments.shape(aggregate);
        return reads.rows(shape, keys, n -> "reading " + n + " " + shape.name());
    }

    /** One find by {@code _id}. */
    @Override
    public <T extends Counters> Optional<T> get(Aggregate<T> aggregate, String key) {
        Objects.requireNonNull(key, "key");
        CounterDocuments.Shape<T> shape = CounterDocuments.shape(aggregate);
        Document d = Failures.translate(
                "reading " + aggregate + " " + key,
                () -> collections
                        .collection(shape.collection())
                        .find(Filters.eq("_id", shape.documentId(key)))
                        .projection(shape.projection())
                        .first());
        return Optional.ofNullable(d).map(shape::decode);
    }

    /**
     * A customer's rows ({@link Scan#partition}): one find of the customer document by {@code _id} for the keys of
     * its rows, then one find by {@code _id $in} per {@link MongoStoreOptions#chunkSize()} keys (a customer
     * document written before the store kept these keys is read by one find on {@code customerId} instead). Days
     * ({@link Scan#dates} of at most {@link MongoStoreOptions#chunkSize()} days): one find by {@code _id $in} of
     * every date of the range, in ascending date order. Other scans: one find, filtered on a date range or not at
     * all, read in chunks.
     */
    @Override
    public <T extends Counters> void scan(Aggregate<T> aggregate, Scan scan, Consumer<? super T> visitor) {
        CounterDocuments.Shape<T> shape = CounterDocuments.shape(aggregate);
        aggregate.check(scan);
        Objects.requireNonNull(visitor, "visitor");
        if (scan instanceof Scan.Partition p && AggregateDocuments.listedByCustomer(aggregate)) {
            Optional<List<String>> keys = reads.rowKeys(shape, p.key());
            if (keys.isPresent()) {
                reads.rows(shape, keys.get(), n -> "reading " + shape.describe(scan))
                        .values()
                        .forEach(visitor);
                return;
            }
        }
        if (scan instanceof Scan.Dates d && shape.field(shape.dateField()).equals("_id") && fewDays(d)) {
            new TreeMap<>(reads.rows(shape, dates(d), DATE_KEYS_PER_FIND, n -> "reading " + shape.describe(scan)))
                    .values()
                    .forEach(visitor);
            return;
        }
        if (aggregate == Aggregate.DAY_COUNTRIES && scan instanceof Scan.Dates d) {
            Optional<List<String>> keys = countryRowKeys(d);
            if (keys.isPresent()) {
                new TreeMap<>(reads.rows(shape, keys.get(), DATE_KEYS_PER_FIND, n -> "reading " + shape.describe(scan)))
                        .values()
                        .forEach(visitor);
                return;
            }
        }
        FindIterable<Document> found = collections
                .collection(shape.collection())
                .find(shape.filter(scan))
                .projection(shape.projection())
                .batchSize(options.chunkSize());
        FindIterable<Document> ordered = scan instanceof Scan.Dates ? found.sort(shape.keyOrder()) : found;
        Failures.run(
                "reading " + shape.describe(scan),
                () -> ordered.forEach(d -> {
                    T row = shape.decode(d);
                    if (row != null) {
                        visitor.accept(row);
                    }
                }));
    }

    /**
     * A customer's rows ({@link Scan#partition}): read by their keys as {@link #scan} does and ranked in a heap of
     * {@code limit} rows. Otherwise pushed down: one find with the ranking's sort keys as the sort document, limited
     * (served by an index on a real server); over a whole collection, filtered on the first sort key by the value
     * the last read of the same list ended at, and read again without that filter if fewer than {@code limit}
     * documents pass it (see {@link TopLists}).
     */
    @Override
    public <T extends Counters> List<T> top(Ranking<T> ranking, Scan scan, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        if (scan instanceof Scan.Partition && AggregateDocuments.listedByCustomer(ranking.aggregate())) {
            return AnalyticsStore.super.top(ranking, scan, limit);
        }
        CounterDocuments.Shape<T> shape = CounterDocuments.shape(ranking.aggregate());
        ranking.aggregate().check(scan);
        return topLists.top(shape, ranking, scan, limit);
    }

    /** How many top-list thresholds this store remembers (see {@link TopLists}). */
    int topListThresholds() {
        return topLists.thresholds();
    }

    /** Whether the days of {@code d} are few enough to be read by one {@code _id $in}. */
    private boolean fewDays(Scan.Dates d) {
        return ChronoUnit.DAYS.between(d.from(), d.to()) < options.chunkSize();
    }

    private static List<String> dates(Scan.Dates d) {
        return d.from().datesUntil(d.to().plusDays(1)).map(BsonValues::day).toList();
    }

    /**
     * The {@code _id}s of the day × country rows of the days of {@code d}, as their day documents list them (finds
     * on {@code days} by {@code _id $in} of {@link #DATE_KEYS_PER_FIND} dates for a range of fewer than
     * {@code chunkSize} days, else one find by an {@code _id} range); empty if a day document predates these lists.
     */
    private Optional<List<String>> countryRowKeys(Scan.Dates d) {
        List<Bson> filters = new ArrayList<>();
        if (fewDays(d)) {
            List<String> dates = dates(d);
            for (int i = 0; i < dates.size(); i += DATE_KEYS_PER_FIND) {
                filters.add(Filters.in("_id", dates.subList(i, Math.min(dates.size(), i + DATE_KEYS_PER_FIND))));
            }
        } else {
            filters.add(Filters.and(
                    Filters.gte("_id", BsonValues.day(d.from())), Filters.lte("_id", BsonValues.day(d.to()))));
        }
        List<String> keys = new ArrayList<>();
        boolean[] complete = {true};
        for (Bson filter : filters) {
            Failures.run(
                    "reading the country rows of the days " + d.from() + ".." + d.to(),
                    () -> collections
                            .collection(StoreCollection.DAYS)
                            .find(filter)
                            .projection(Projections.include(
                                    AggregateDocuments.COUNTRY_ROWS, AggregateDocuments.COUNTRIES_KEPT))
                            .batchSize(options.chunkSize())
                            .forEach(day -> {
                                complete[0] &= day.containsKey(AggregateDocuments.COUNTRIES_KEPT);
                                keys.addAll(day.getList(AggregateDocuments.COUNTRY_ROWS, String.class, List.of()));
                            }));
        }
        return complete[0] ? Optional.of(keys) : Optional.empty();
    }

    /**
     * Deletes every aggregate document and writes {@code aggregates} in their place (bulk writes, chunked). Batches
     * left pending are closed first: their ledger writes are already part of a recompute from the ledger, and
     * what they had not written is reported as conflicts if they are replayed. Not atomic: run it while no events
     * are being recorded.
     */
    @Override
    public void replaceAggregates(Delta aggregates) {
        Objects.requireNonNull(aggregates, "aggregates");
        protocol.supersedePending();
        for (StoreCollection target : StoreCollection.AGGREGATES) {
            Failures.run(
                    "clearing " + target.suffix() + " for a rebuild",
                    () -> collections.deleteMany(target, new Document()));
        }
        for (StoreCollection retired : StoreCollection.RETIRED) {
            Failures.run(
                    "dropping " + retired.suffix() + ", a collection of the previous layout",
                    () -> collections.collection(retired).drop());
        }
        protocol.writeAggregates("rebuild-" + UUID.randomUUID(), aggregates, true);
    }

    /**
     * Writes the "done" marks this instance still owes for the last batches it applied (they travel with the next
     * batch otherwise). Never throws: a mark that cannot be written leaves its batch looking pending, and a replay
     * or {@link #recover()} finishes it without changing any count. Does not close the {@code MongoClient}.
     */
    @Override
    public void close() {
        protocol.flushDoneMarks();
    }

    // ----- helpers -----

    /**
     * Logs a warning if a collection of the previous layout holds documents: their rows are not read until a
     * rebuild recomputes them in the current layout (two finds of at most one document).
     */
    private void warnOfRetiredCollections() {
        for (StoreCollection retired : StoreCollection.RETIRED) {
            Document any = Failures.translate(
                    "looking for documents of the previous layout in " + retired.suffix(),
                    () -> collections
                            .collection(retired)
                            .find()
                            .projection(Projections.include("_id"))
                            .limit(1)
                            .first());
            if (any != null) {
                log.warn(
                        "collection {} holds rows of the previous layout of the MongoDB store, which this version"
                                + " does not read; stop recording and run analytics.rebuild() once to recompute"
                                + " them from the ledger (it drops the collection)",
                        options.collectionPrefix() + retired.suffix());
            }
        }
    }

    private MongoCollection<Document> ledgerCollection() {
        return collections.collection(StoreCollection.LEDGER);
    }

    private static void checkRange(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.getYear() < 0 || to.getYear() > 9999) {
            throw new IllegalArgumentException("dates must be within the years 0000-9999, got " + from + ".." + to);
        }
    }

    /** Builds a store; each setter checks its value. Not thread-safe. */
    public static final class Builder {
        private final MongoDatabase database;
        private MongoStoreOptions options = MongoStoreOptions.defaults();
        private Clock clock = Clock.systemUTC();
        private UnaryOperator<StoreCollections> decorator = UnaryOperator.identity();

        private Builder(MongoDatabase database) {
            this.database = Objects.requireNonNull(database, "database");
        }

        public Builder options(MongoStoreOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        public Builder collectionPrefix(String prefix) {
            this.options = options.withCollectionPrefix(prefix);
            return this;
        }

        public Builder writeConcern(WriteConcern concern) {
            this.options = options.withWriteConcern(concern);
            return this;
        }

        public Builder chunkSize(int size) {
            this.options = options.withChunkSize(size);
            return this;
        }

        public Builder guardWindow(int window) {
            this.options = options.withGuardWindow(window);
            return this;
        }

        public Builder recoveryGrace(Duration grace) {
            this.options = options.withRecoveryGrace(grace);
            return this;
        }

        public Builder batchRetention(Duration retention) {
            this.options = options.withBatchRetention(retention);
            return this;
        }

        public Builder guardCacheEntries(int entries) {
            this.options = options.withGuardCacheEntries(entries);
            return this;
        }

        /** Clock for batch timestamps (recovery grace and retention); the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Wraps the collection access; lets tests observe and interrupt each write step. */
        Builder collections(UnaryOperator<StoreCollections> decorator) {
            this.decorator = Objects.requireNonNull(decorator, "decorator");
            return this;
        }

        /**
         * Creates the store and its indexes.
         *
         * @throws io.orderlens.analytics.StoreException if the indexes cannot be created
         */
        public MongoAnalyticsStore build() {
            return new MongoAnalyticsStore(this);
        }
    }
}
