package io.orderlens.analytics.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.Effect;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.StoreBatch;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a batch exactly once without transactions. Each part of a batch (at most {@code chunkSize} changes and
 * about {@value #MAX_PART_BYTES} bytes of changes; almost every batch is one part) goes through four steps:
 *
 * <ol>
 *   <li><b>record</b>: upsert {@code {_id: partId, state: "pending", changes: <binary>}} into {@code batches}, only
 *       if absent ({@code $setOnInsert}). If the record existed, the part was seen before: if it is done, its
 *       recorded result is returned; if pending, it is resumed from step 2. The same bulk write carries the
 *       "done" marks this instance still owes for earlier parts (step 4).</li>
 *   <li><b>ledger gate</b>: one bulk write of compare-and-set updates, {@code {_id: key, v: expected}} (for a new
 *       key an upsert of {@code v: 0}, which fails with a duplicate key if the entry exists) → new state,
 *       {@code v + 1}, part id pushed into the bounded {@code batches} array. The winners are exactly the keys whose
 *       document carries the part id: all keys when every compare-and-set took effect, otherwise one read by
 *       {@code _id} tells. Whether a change won is settled once its write returned, so every resumption of the part
 *       finds the same winners.</li>
 *   <li><b>aggregates</b>: the merged delta of the winners, per touched collection one read of the guard state
 *       ({@code gv}, {@code applied}) by {@code _id} and one unordered bulk write of compare-and-sets on
 *       {@code {_id, gv}} for the documents that do not carry the part id yet (see {@link AggregateDocuments}).
 *       Documents whose compare-and-set lost to a concurrent writer are read and written again. The first round of
 *       a part this call recorded itself skips the read: no document can carry a part id that did not exist
 *       before, so it compare-and-sets against the guard versions this instance remembers ({@link GuardTokens};
 *       a document it does not know is presumed absent). A wrong guess fails the compare-and-set (guard versions
 *       are random tokens that never repeat) and is settled by the reading rounds.</li>
 *   <li><b>done</b>: the part's state becomes {@code done} with its conflicts; the change bodies are dropped. For
 *       a part recorded by this call, the mark travels with the next part's record (step 1), or is written by
 *       {@link #flushDoneMarks}; until then the part looks pending, and resuming it changes nothing.</li>
 * </ol>
 *
 * A crash at any point leaves a pending part that {@link #recover} (or a replay of the batch) finishes; every step
 * is idempotent and safe to run concurrently with another resumption of the same part. Every filter on this path
 * is {@code _id}, {@code _id $in}, or plain equalities on exactly the fields of a unique index. Thread-safe.
 */
final class BatchProtocol {
    private static final Logger log = LoggerFactory.getLogger(BatchProtocol.class);

    static final int MAX_PART_BYTES = 8 * 1024 * 1024;
    static final String PENDING = "pending";
    static final String DONE = "done";
    /** On a batch record: present (true) for a compaction. */
    static final String COMPACTION = "compaction";

    private static final int DUPLICATE_KEY = 11000;
    /** Read-and-compare-and-set rounds per aggregate chunk before a batch gives up under contention. */
    static final int GUARD_ROUNDS = 64;

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final UpdateOptions NO_UPSERT = new UpdateOptions();
    private static final Bson GUARD_STATE =
            Projections.include(AggregateDocuments.GUARD_VERSION, AggregateDocuments.APPLIED);
    private static final DocumentCodec CODEC = new DocumentCodec();

    private final StoreCollections collections;
    private final MongoStoreOptions options;
    private final Clock clock;
    private final GuardTokens tokens;
    /**
     * Whether this instance has read a ledger document of the previous shape (content at the top level): from then
     * on, every write of an entry's content also removes those fields, so that no stale copy outlives an update.
     */
    private volatile boolean previousShapeSeen;
    /** "Done" marks owed for parts this instance finished; at most one per concurrent caller. */
    private final List<DoneMark> owedMarks = new ArrayList<>();

    /** What finishing a part did: the changes that lost their compare-and-set, and aggregate writes sent. */
    private record Resumed(Set<String> conflicts, int aggregateWrites) {}

    /** A part's final state, written by {@link #doneUpdate}: its conflicts and when it finished. */
    private record DoneMark(String id, Set<String> conflicts, Date doneAt) {}

    BatchProtocol(StoreCollections collections, MongoStoreOptions options, Clock clock) {
        this.collections = collections;
        this.options = options;
        this.clock = clock;
        this.tokens = new GuardTokens(options.guardCacheEntries());
    }

    ApplyResult apply(StoreBatch batch) {
        return applyParts(batch);
    }

    /**
     * Tells the protocol that a ledger document of the previous shape was read. Every change of an entry is preceded
     * by a read of it by the instance that records it, so from then on this instance's writes remove the previous
     * shape's fields; a resumed part (recorded by any instance) always removes them.
     */
    void sawPreviousShape() {
        previousShapeSeen = true;
    }

    /**
     * Compacts the batch's entries (see {@code AnalyticsStore.compact}) in parts of at most {@code chunkSize} entries,
     * each in four steps:
     *
     * <ol>
     *   <li><b>record</b>: as for a batch, with {@code compaction: true}; the record holds each entry's key and
     *       expected version, and the merged contribution of all the part's entries, encoded as a segment's
     *       {@code rows} ({@link BaselineSegments}).</li>
     *   <li><b>gate</b>: each entry that carries no claim moves to its next version, writing only {@code v} and the
     *       part id, its claim (its content does not change). Every compare-and-set on an existing entry requires
     *       no claim, so neither a concurrent writer nor another compaction changes or claims it from then on. The
     *       winners are the entries carrying the part id.</li>
     *   <li><b>segment</b>: the winners' merged contribution as one baseline segment, created only if absent. When
     *       every entry won, that is the recorded {@code rows}; when some lost, the call that recorded the part
     *       merges the winners' effects it holds. A resumption that finds losers and no segment cannot tell the
     *       winners' contribution: it creates the segment <em>void</em> (no rows) instead, so the part compacts
     *       nothing, and it releases its claim on its winners, which stay in the ledger, moved one version on, for a
     *       later run.</li>
     *   <li><b>delete</b>: if the segment holds the winners (it is not void), the winners are deleted, each filtered
     *       by {@code {_id, v}} of the version step 2 moved it to; then the done mark, as for a batch.</li>
     * </ol>
     *
     * An entry is deleted only after a segment holding it exists, and a segment is never written twice (the first
     * attempt's, void or not, wins), so no resumption adds an entry twice or loses one. The part's conflicts are the
     * losers, or every entry when the segment is void.
     */
    ApplyResult compact(StoreBatch batch) {
        Set<String> conflicts = new HashSet<>();
        for (CompactionPart part : compactionParts(batch.batchId(), batch.changes())) {
            conflicts.addAll(compactPart(part));
        }
        return conflicts.isEmpty() ? ApplyResult.ALL_APPLIED : new ApplyResult(conflicts);
    }

    private ApplyResult applyParts(StoreBatch batch) {
        List<Part> parts = split(batch);
        Set<String> conflicts = new HashSet<>();
        for (Part part : parts) {
            conflicts.addAll(applyPart(part));
        }
        return conflicts.isEmpty() ? ApplyResult.ALL_APPLIED : new ApplyResult(conflicts);
    }

    /** Resumes pending parts older than the grace period and prunes old finished ones; returns how many resumed. */
    int recover() {
        flushDoneMarks();
        Instant now = clock.instant();
        Date cutoff = Date.from(now.minus(options.recoveryGrace()));
        List<Document> pending = new ArrayList<>();
        Failures.run(
                "looking for pending batches",
                () -> collections
                        .collection(StoreCollection.BATCHES)
                        .find(Filters.and(Filters.eq("state", PENDING), Filters.lte("createdAt", cutoff)))
                        .sort(Sorts.ascending("createdAt"))
                        .batchSize(options.chunkSize())
                        .into(pending));
        int resumed = 0;
        for (Document doc : pending) {
            String id = doc.getString("_id");
            CompactionPart compaction = null;
            List<LedgerChange> changes = null;
            try {
                if (isCompaction(doc)) {
                    compaction = decodeCompaction(doc);
                } else {
                    changes = decodeChanges(doc);
                }
            } catch (StoreException e) {
                log.error("{}; it stays pending (rebuild() closes it)", e.getMessage());
                continue;
            }
            Resumed done = compaction != null ? resumeCompaction(compaction, false) : resume(id, changes, false);
            int size = compaction != null ? compaction.size() : changes.size();
            int written = done.aggregateWrites();
            if (written > 0) {
                log.info(
                        "finished batch {} left pending since {} ({} changes, {} aggregate documents written)",
                        id,
                        doc.getDate("createdAt"),
                        size,
                        written);
            } else {
                log.debug(
                        "batch {} left pending since {} had nothing left to write; marked it done",
                        id,
                        doc.getDate("createdAt"));
            }
            resumed++;
        }
        Date expired = Date.from(now.minus(options.batchRetention()));
        Failures.run(
                "deleting finished batch records",
                () -> collections.deleteMany(
                        StoreCollection.BATCHES,
                        Filters.and(Filters.eq("state", DONE), Filters.lt("doneAt", expired))));
        return resumed;
    }

    /**
     * Closes every pending part without writing anything more to the ledger: what it already wrote there is part of
     * the aggregates a rebuild computed from the ledger; the rest is reported as conflicts to a replay, so the engine
     * recomputes it. Used by rebuild only.
     */
    int supersedePending() {
        flushDoneMarks();
        tokens.clear();
        List<Document> pending = new ArrayList<>();
        Failures.run(
                "looking for pending batches",
                () -> collections
                        .collection(StoreCollection.BATCHES)
                        .find(Filters.eq("state", PENDING))
                        .into(pending));
        for (Document doc : pending) {
            String id = doc.getString("_id");
            CompactionPart compaction = null;
            List<LedgerChange> changes = null;
            try {
                if (isCompaction(doc)) {
                    compaction = decodeCompaction(doc);
                } else {
                    changes = decodeChanges(doc);
                }
            } catch (StoreException e) {
                markDone(new DoneMark(id, Set.of(), Date.from(clock.instant())));
                log.warn("{}; closed it for the rebuild", e.getMessage());
                continue;
            }
            if (compaction != null) {
                // a rebuild reads the baseline and the ledger: a compaction is finished, never left half-way
                resumeCompaction(compaction, false);
                log.warn("compaction batch {} was pending during a rebuild; finished it first", id);
                continue;
            }
            List<String> keys = changes.stream().map(LedgerChange::key).toList();
            Set<String> conflicts = new HashSet<>(keys);
            conflicts.removeAll(winners(id, keys));
            markDone(new DoneMark(id, conflicts, Date.from(clock.instant())));
            log.warn(
                    "batch {} was pending during a rebuild; closed it with {} of {} changes not applied",
                    id,
                    conflicts.size(),
                    keys.size());
        }
        return pending.size();
    }

    // ----- the steps -----

    private static boolean isCompaction(Document batchRecord) {
        return Boolean.TRUE.equals(batchRecord.getBoolean(COMPACTION));
    }

    private Set<String> applyPart(Part part) {
        Document record = new Document("state", PENDING)
                .append("createdAt", Date.from(clock.instant()))
                .append("changes", part.encoded());
        if (!recordPart(part.id(), record)) {
            Optional<Set<String>> done = doneConflicts(part.id());
            if (done.isPresent()) {
                return done.get();
            }
            log.debug("batch {} was seen before and is pending; resuming it", part.id());
            return resume(part.id(), part.changes(), false).conflicts();
        }
        return resume(part.id(), part.changes(), true).conflicts();
    }

    private Set<String> compactPart(CompactionPart part) {
        Document record = new Document("state", PENDING)
                .append("createdAt", Date.from(clock.instant()))
                .append(COMPACTION, true)
                .append("changes", part.encodedEntries())
                .append(BaselineSegments.ROWS, part.rows());
        if (!recordPart(part.id(), record)) {
            Optional<Set<String>> done = doneConflicts(part.id());
            if (done.isPresent()) {
                return done.get();
            }
            log.debug("compaction batch {} was seen before and is pending; resuming it", part.id());
            return resumeCompaction(part, false).conflicts();
        }
        return resumeCompaction(part, true).conflicts();
    }

    /** The recorded conflicts of part {@code id} if it is done; empty if it is pending. */
    private Optional<Set<String>> doneConflicts(String id) {
        Document seen = Failures.translate(
                "reading batch " + id,
                () -> collections
                        .collection(StoreCollection.BATCHES)
                        .find(Filters.eq("_id", id))
                        .projection(Projections.include("state", "conflicts"))
                        .first());
        if (seen != null && DONE.equals(seen.getString("state"))) {
            return Optional.of(new HashSet<>(seen.getList("conflicts", String.class, List.of())));
        }
        return Optional.empty();
    }

    /**
     * Records part {@code id} if it is new, in one bulk write with the done marks owed so far.
     *
     * @return true if this call created the record, false if it existed
     */
    private boolean recordPart(String id, Document record) {
        List<DoneMark> marks = takeOwedMarks();
        List<WriteModel<Document>> models = new ArrayList<>(1 + marks.size());
        models.add(new UpdateOneModel<>(new Document("_id", id), new Document("$setOnInsert", record), UPSERT));
        for (DoneMark m : marks) {
            models.add(new UpdateOneModel<>(new Document("_id", m.id()), doneUpdate(m)));
        }
        String doing = "recording batch " + id;
        try {
            BulkWriteResult result = collections.bulkWrite(StoreCollection.BATCHES, models);
            return result.getUpserts().stream().anyMatch(u -> u.getIndex() == 0);
        } catch (MongoBulkWriteException e) {
            // two concurrent upserts of one record: the loser meets a duplicate key, and the part was seen before
            boolean onlyRecordExisted = e.getWriteConcernError() == null
                    && e.getWriteErrors().stream().allMatch(w -> w.getIndex() == 0 && w.getCode() == DUPLICATE_KEY);
            if (!onlyRecordExisted) {
                oweMarks(marks);
                throw Failures.translate(doing, e);
            }
            return false;
        } catch (com.mongodb.MongoException e) {
            oweMarks(marks);
            throw Failures.translate(doing, e);
        } catch (org.bson.BSONException e) {
            oweMarks(marks);
            throw Failures.rejected(doing, e);
        }
    }

    /**
     * Writes the done marks this instance owes (see the class comment), one update each. A failure leaves them owed
     * (and the parts pending, which is harmless); it is logged, not thrown.
     */
    void flushDoneMarks() {
        for (DoneMark m : takeOwedMarks()) {
            try {
                markDone(m);
            } catch (StoreException e) {
                oweMarks(List.of(m));
                log.warn(
                        "could not mark batch {} done; it stays pending until a replay or recover() finishes it",
                        m.id(),
                        e);
            }
        }
    }

    private List<DoneMark> takeOwedMarks() {
        synchronized (owedMarks) {
            List<DoneMark> out = new ArrayList<>(owedMarks);
            owedMarks.clear();
            return out;
        }
    }

    private void oweMarks(List<DoneMark> marks) {
        synchronized (owedMarks) {
            owedMarks.addAll(marks);
        }
    }

    /**
     * Finishes a part whose record exists: ledger gate, aggregates, done mark. {@code fresh} means this call
     * created the record just now, so no document can carry its id yet and the done mark may be deferred.
     */
    private Resumed resume(String id, List<LedgerChange> changes, boolean fresh) {
        List<String> keys = changes.stream().map(LedgerChange::key).toList();
        List<GateWrite> gate = new ArrayList<>(changes.size());
        for (LedgerChange c : changes) {
            gate.add(new GateWrite(c.key(), c.expectedVersion(), LedgerDocuments.fields(c.after())));
        }
        Set<String> winners = writeLedger(id, gate, null, !fresh || previousShapeSeen);
        Set<String> conflicts = new HashSet<>(keys);
        conflicts.removeAll(winners);
        Delta delta = new Delta();
        for (LedgerChange c : changes) {
            if (winners.contains(c.key())) {
                c.effect().forEach(delta);
            }
        }
        int written = writeAggregates(id, delta, fresh);
        finish(id, conflicts, fresh);
        return new Resumed(conflicts, written);
    }

    /**
     * Finishes a compaction part whose record exists: gate, segment, deletes, done mark (see {@link #compact}).
     * {@code fresh} means this call created the record just now.
     */
    private Resumed resumeCompaction(CompactionPart part, boolean fresh) {
        List<GateWrite> gate = new ArrayList<>(part.size());
        for (int i = 0; i < part.size(); i++) {
            // the entry keeps its content: only its version moves, marked with the part id
            Document set = new Document(LedgerDocuments.VERSION, claimed(part.versions()[i]))
                    .append(LedgerDocuments.COMPACTED_BY, part.id());
            gate.add(new GateWrite(part.keys().get(i), part.versions()[i], set));
        }
        Set<String> winners = writeLedger(part.id(), gate, part, false);
        Set<String> conflicts = new HashSet<>(part.keys());
        conflicts.removeAll(winners);
        int written = 0;
        if (!winners.isEmpty()) {
            Binary rows = conflicts.isEmpty() ? part.rows() : part.rowsOf(winners);
            // winners that contribute nothing need no segment: deleting them is right whatever another attempt did
            if (rows != null && rows.length() == 0) {
                deleteCompacted(part, winners);
            } else if (writeSegment(part.id(), rows)) {
                written = 1;
                deleteCompacted(part, winners);
            } else {
                releaseClaims(part, winners);
                log.warn(
                        "compaction batch {} compacted nothing: {} of its {} entries changed meanwhile, and its"
                                + " record cannot tell the contribution of the others, which stay in the ledger"
                                + " for the next run",
                        part.id(),
                        conflicts.size(),
                        part.size());
                conflicts.addAll(winners);
            }
        }
        finish(part.id(), conflicts, fresh);
        return new Resumed(conflicts, written);
    }

    /** The done mark of part {@code id}: owed (sent with the next record) if {@code fresh}, else written now. */
    private void finish(String id, Set<String> conflicts, boolean fresh) {
        DoneMark mark = new DoneMark(id, conflicts, Date.from(clock.instant()));
        if (fresh) {
            oweMarks(List.of(mark));
        } else {
            markDone(mark);
        }
    }

    /** One compare-and-set of the ledger gate: {@code {_id: key, v: expectedVersion}} → {@code $set: set}. */
    private record GateWrite(String key, long expectedVersion, Document set) {}

    /**
     * Writes the compare-and-set of every change and returns the winners: the keys whose entry carries the part id
     * (pushed into {@code batches}; for a {@code compaction}, set in {@code compactedBy} with the moved version).
     * When every compare-and-set of a chunk took effect, its keys are the winners without a read. {@code
     * removePreviousShape}: each update also unsets the top-level fields of the previous shape.
     */
    private Set<String> writeLedger(
            String id, List<GateWrite> changes, CompactionPart compaction, boolean removePreviousShape) {
        Document unset = removePreviousShape ? LedgerDocuments.previousShapeRemoval() : null;
        Document push = new Document(
                LedgerDocuments.BATCHES, new Document("$each", List.of(id)).append("$slice", -options.guardWindow()));
        Set<String> winners = new HashSet<>();
        for (List<GateWrite> chunk : chunks(changes)) {
            List<WriteModel<Document>> models = new ArrayList<>(chunk.size());
            for (GateWrite c : chunk) {
                // {_id, v} with plain equalities: served by the unique index on both fields; a new entry is an
                // upsert of version 0, which fails with a duplicate key if the entry exists. An entry a compaction
                // part has claimed is stored at a negative version that no reader is given, so no compare-and-set
                // matches it until the part deletes or releases it
                Document filter =
                        new Document(LedgerDocuments.ID, c.key()).append(LedgerDocuments.VERSION, c.expectedVersion());
                Document update = new Document("$set", c.set());
                if (compaction == null) {
                    update.append("$push", push);
                }
                if (unset != null) {
                    update.append("$unset", unset);
                }
                models.add(new UpdateOneModel<>(filter, update, c.expectedVersion() == 0 ? UPSERT : NO_UPSERT));
            }
            boolean allTookEffect;
            try {
                BulkWriteResult result = collections.bulkWrite(StoreCollection.LEDGER, models);
                allTookEffect = result.getMatchedCount() + result.getUpserts().size() == models.size();
            } catch (MongoBulkWriteException e) {
                // a duplicate key on a new entry: another writer created it first, or this part did earlier;
                // the winners read below tells which
                rethrowUnlessOnlyDuplicateKeys("writing the ledger for batch " + id, e);
                allTookEffect = false;
            } catch (com.mongodb.MongoException e) {
                throw Failures.translate("writing the ledger for batch " + id, e);
            }
            List<String> keys = chunk.stream().map(GateWrite::key).toList();
            if (allTookEffect) {
                winners.addAll(keys);
            } else if (compaction == null) {
                winners.addAll(winners(id, keys));
            } else {
                winners.addAll(compactionWinners(compaction, keys));
            }
        }
        return winners;
    }

    /**
     * The keys among {@code keys} whose ledger entry the compaction {@code part} claimed: at its claimed version,
     * marked with the part id; read by {@code _id} only. An entry the previous layout moved for this part (the next
     * version, positive, with the part id) is claimed now, by a compare-and-set on that version, and counts if that
     * took effect; so a part left pending by the previous layout is finished without counting an entry twice.
     */
    private Set<String> compactionWinners(CompactionPart part, List<String> keys) {
        return compactionWinners(part, keys, true);
    }

    private Set<String> compactionWinners(CompactionPart part, List<String> keys, boolean claimMovedEntries) {
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < part.size(); i++) {
            expected.put(part.keys().get(i), part.versions()[i]);
        }
        Set<String> winners = new HashSet<>();
        List<String> moved = new ArrayList<>();
        Failures.run(
                "reading the ledger gate of batch " + part.id(),
                () -> collections
                        .collection(StoreCollection.LEDGER)
                        .find(Filters.in("_id", keys))
                        .projection(Projections.include(LedgerDocuments.VERSION, LedgerDocuments.COMPACTED_BY))
                        .batchSize(keys.size() + 1)
                        .forEach(d -> {
                            String key = d.getString("_id");
                            if (!part.id().equals(d.getString(LedgerDocuments.COMPACTED_BY))) {
                                return;
                            }
                            long version = expected.get(key);
                            Object stored = d.get(LedgerDocuments.VERSION);
                            if (Long.valueOf(claimed(version)).equals(stored)) {
                                winners.add(key);
                            } else if (Long.valueOf(version + 1).equals(stored)) {
                                moved.add(key);
                            }
                        }));
        if (moved.isEmpty() || !claimMovedEntries) {
            return winners;
        }
        List<WriteModel<Document>> models = new ArrayList<>(moved.size());
        for (String key : moved) {
            long version = expected.get(key);
            models.add(new UpdateOneModel<>(
                    new Document(LedgerDocuments.ID, key).append(LedgerDocuments.VERSION, version + 1),
                    new Document("$set", new Document(LedgerDocuments.VERSION, claimed(version))),
                    NO_UPSERT));
        }
        try {
            collections.bulkWrite(StoreCollection.LEDGER, models);
        } catch (com.mongodb.MongoException e) {
            throw Failures.translate("claiming the ledger entries batch " + part.id() + " moved", e);
        }
        winners.addAll(compactionWinners(part, moved, false));
        return winners;
    }

    /**
     * The stored version of an entry at {@code expected} once a compaction part claimed it: {@code -(expected + 1)},
     * the next version, negated. Readers are given its absolute value ({@link LedgerDocuments#entry}), so a
     * compare-and-set of anyone who read the claimed entry misses it; a release restores the positive version with
     * the content unchanged, so such a compare-and-set is right again.
     */
    static long claimed(long expected) {
        return -(expected + 1);
    }

    /** The keys among {@code keys} whose ledger entry carries {@code id}, read by {@code _id} only. */
    private Set<String> winners(String id, List<String> keys) {
        Set<String> winners = new HashSet<>();
        for (List<String> chunk : chunks(keys)) {
            Failures.run(
                    "reading the ledger gate of batch " + id,
                    () -> collections
                            .collection(StoreCollection.LEDGER)
                            .find(Filters.in("_id", chunk))
                            .projection(Projections.include(LedgerDocuments.BATCHES))
                            .batchSize(chunk.size() + 1)
                            .forEach(d -> {
                                if (d.getList(LedgerDocuments.BATCHES, String.class, List.of())
                                        .contains(id)) {
                                    winners.add(d.getString("_id"));
                                }
                            }));
        }
        return winners;
    }

    /**
     * Applies {@code delta} to the aggregate documents once for part {@code id}; returns the compare-and-sets sent. {@code fresh}: no document can
     * carry {@code id} yet (the part was recorded by this call, or the id is new), so the first round may trust the
     * remembered guard versions instead of reading them.
     */
    int writeAggregates(String id, Delta delta, boolean fresh) {
        Map<StoreCollection, Map<String, AggregateDocuments.Update>> updates = AggregateDocuments.documents(delta);
        int written = 0;
        for (StoreCollection target : StoreCollection.AGGREGATES) {
            Map<String, AggregateDocuments.Update> byId = updates.get(target);
            if (byId == null) {
                continue;
            }
            for (List<String> chunk : chunks(new ArrayList<>(byId.keySet()))) {
                written += writeGuarded(id, target, chunk, byId, fresh);
            }
        }
        return written;
    }

    /**
     * Creates the baseline segment of compaction part {@code id} if it is absent: holding {@code rows}, or void (no
     * rows) when {@code rows} is null. The first attempt's segment stays: a later attempt, void or not, writes nothing.
     *
     * @return whether the segment now holds rows (false: it is void)
     */
    private boolean writeSegment(String id, Binary rows) {
        Document segment = rows == null
                ? new Document(BaselineSegments.VOID, true)
                : new Document(BaselineSegments.ROWS, rows).append(BaselineSegments.VERSION, 1L);
        segment.append("createdAt", Date.from(clock.instant()));
        String segmentId = BaselineSegments.id(id);
        List<WriteModel<Document>> models = List.of(
                new UpdateOneModel<>(new Document("_id", segmentId), new Document("$setOnInsert", segment), UPSERT));
        String doing = "writing the baseline segment of batch " + id;
        try {
            if (!collections
                    .bulkWrite(StoreCollection.BASELINE, models)
                    .getUpserts()
                    .isEmpty()) {
                return rows != null;
            }
        } catch (MongoBulkWriteException e) {
            // a concurrent attempt created it first
            rethrowUnlessOnlyDuplicateKeys(doing, e);
        } catch (com.mongodb.MongoException e) {
            throw Failures.translate(doing, e);
        }
        Document existing = Failures.translate(
                doing,
                () -> collections
                        .collection(StoreCollection.BASELINE)
                        .find(Filters.eq("_id", segmentId))
                        .projection(Projections.include(BaselineSegments.VOID))
                        .first());
        if (existing == null) {
            throw new StoreException("MongoDB store found no baseline segment of batch " + id + " after writing it");
        }
        return !BaselineSegments.isVoid(existing);
    }

    /**
     * Removes the claim of a part whose segment is void from its winners: each, filtered by {@code {_id, v}} of its
     * claimed version (only this part can have claimed it at that version), returns to the positive version with
     * its claim unset, so that writers and the next compaction can change it again. Idempotent: a winner released
     * before matches nothing.
     */
    private void releaseClaims(CompactionPart part, Set<String> winners) {
        List<WriteModel<Document>> models = new ArrayList<>(winners.size());
        for (int i = 0; i < part.size(); i++) {
            String key = part.keys().get(i);
            if (winners.contains(key)) {
                long expected = part.versions()[i];
                Document filter =
                        new Document(LedgerDocuments.ID, key).append(LedgerDocuments.VERSION, claimed(expected));
                Document release = new Document("$set", new Document(LedgerDocuments.VERSION, expected + 1))
                        .append("$unset", new Document(LedgerDocuments.COMPACTED_BY, ""));
                models.add(new UpdateOneModel<>(filter, release, NO_UPSERT));
            }
        }
        for (List<WriteModel<Document>> chunk : chunks(models)) {
            try {
                collections.bulkWrite(StoreCollection.LEDGER, chunk);
            } catch (com.mongodb.MongoException e) {
                throw Failures.translate("releasing the ledger entries of void compaction batch " + part.id(), e);
            }
        }
    }

    /**
     * The {@code _id} of the baseline document of the row {@code key} of {@code shape}'s aggregate, as an earlier
     * version of the store wrote one per row: {@code "<rows name>|<key>"} ({@link CounterDocuments.Shape#name()}).
     */
    static String baselineId(CounterDocuments.Shape<?> shape, String key) {
        return shape.name() + "|" + key;
    }

    /**
     * Deletes the compacted entries: the winners, each only in the state the part moved it to ({@code {_id, v}}, an
     * equality on the unique index), in one bulk write per chunk. Deleting an entry already gone changes nothing.
     */
    private void deleteCompacted(CompactionPart part, Set<String> winners) {
        List<WriteModel<Document>> models = new ArrayList<>(winners.size());
        for (int i = 0; i < part.size(); i++) {
            String key = part.keys().get(i);
            if (winners.contains(key)) {
                models.add(new DeleteOneModel<>(new Document(LedgerDocuments.ID, key)
                        .append(LedgerDocuments.VERSION, claimed(part.versions()[i]))));
            }
        }
        for (List<WriteModel<Document>> chunk : chunks(models)) {
            try {
                collections.bulkWrite(StoreCollection.LEDGER, chunk);
            } catch (com.mongodb.MongoException e) {
                throw Failures.translate("deleting the ledger entries compacted by batch " + part.id(), e);
            }
        }
    }

    /**
     * Applies the changes to the documents {@code ids} of {@code target} once: reads their guard state (in the
     * first round of a {@code fresh} part: takes the remembered one), skips the documents that already carry the
     * batch id, writes a compare-and-set for the others, and repeats for the documents whose compare-and-set lost
     * to a concurrent writer or a wrong guess, at most {@value #GUARD_ROUNDS} rounds.
     *
     * @return compare-and-sets sent, over all rounds (0: every document already carried the batch id)
     * @throws io.orderlens.analytics.StoreException if a write fails, or contention outlasts the rounds (the batch
     *     stays pending; a replay or {@link #recover} finishes it)
     */
    private int writeGuarded(
            String id,
            StoreCollection target,
            List<String> ids,
            Map<String, AggregateDocuments.Update> byId,
            boolean fresh) {
        String doing = "updating " + target.suffix() + " for batch " + id;
        List<String> pending = ids;
        int sent = 0;
        for (int round = 1; round <= GUARD_ROUNDS; round++) {
            boolean remembered = round == 1 && fresh && tokens.enabled();
            Map<String, Document> current = remembered ? Map.of() : guardStates(target, pending, doing);
            List<WriteModel<Document>> models = new ArrayList<>(pending.size());
            List<String> written = new ArrayList<>(pending.size());
            long[] next = new long[pending.size()];
            for (String docId : pending) {
                long guardVersion;
                if (remembered) {
                    guardVersion = tokens.get(target, docId);
                } else {
                    Document doc = current.get(docId);
                    guardVersion = doc == null ? 0 : guardVersion(target, doc);
                    if (doc != null
                            && doc.getList(AggregateDocuments.APPLIED, String.class, List.of())
                                    .contains(id)) {
                        tokens.put(target, docId, guardVersion);
                        continue;
                    }
                }
                next[written.size()] = newGuardVersion();
                models.add(byId.get(docId).model(id, options.guardWindow(), guardVersion, next[written.size()]));
                written.add(docId);
            }
            if (models.isEmpty()) {
                return sent;
            }
            sent += models.size();
            boolean allTookEffect = false;
            try {
                BulkWriteResult result = collections.bulkWrite(target, models);
                allTookEffect = result.getMatchedCount() + result.getUpserts().size() == models.size();
            } catch (MongoBulkWriteException e) {
                rethrowUnlessOnlyDuplicateKeys(doing, e);
            } catch (com.mongodb.MongoException e) {
                throw Failures.translate(doing, e);
            } finally {
                for (int i = 0; i < written.size(); i++) {
                    tokens.put(target, written.get(i), allTookEffect ? next[i] : GuardTokens.UNKNOWN);
                }
            }
            if (allTookEffect) {
                return sent;
            }
            log.debug(
                    "round {} of {} for batch {}: some of {} compare-and-sets lost to concurrent writers",
                    round,
                    target.suffix(),
                    id,
                    models.size());
            pending = written;
        }
        throw new StoreException("MongoDB store gave up " + doing + " after " + GUARD_ROUNDS
                + " rounds of concurrent updates to the same documents; the batch stays pending and a replay or"
                + " recover() finishes it");
    }

    /** A new random guard version: positive, never 0 (which stands for "absent"). */
    static long newGuardVersion() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }

    /**
     * The document's guard version.
     *
     * @throws StoreException if it has none (the document was not written by this store), as no compare-and-set
     *     could ever match it
     */
    private static long guardVersion(StoreCollection target, Document doc) {
        if (!(doc.get(AggregateDocuments.GUARD_VERSION) instanceof Long version) || version < 1) {
            throw new StoreException("MongoDB store cannot update document \"" + doc.get("_id") + "\" of "
                    + target.suffix() + ": it has no int64 guard version \"" + AggregateDocuments.GUARD_VERSION
                    + "\" >= 1, so it was not written by this store; rebuild the aggregates (analytics.rebuild())");
        }
        return version;
    }

    /** {@code _id} → {@code {gv, applied}} of the documents among {@code ids} that exist. */
    private Map<String, Document> guardStates(StoreCollection target, List<String> ids, String doing) {
        Map<String, Document> out = new HashMap<>();
        Failures.run(
                doing,
                () -> collections
                        .collection(target)
                        .find(Filters.in("_id", ids))
                        .projection(GUARD_STATE)
                        .batchSize(ids.size() + 1)
                        .forEach(d -> out.put(d.getString("_id"), d)));
        return out;
    }

    private static void rethrowUnlessOnlyDuplicateKeys(String doing, MongoBulkWriteException e) {
        if (e.getWriteConcernError() != null) {
            throw Failures.translate(doing, e);
        }
        for (BulkWriteError error : e.getWriteErrors()) {
            if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw Failures.translate(doing, e);
            }
        }
    }

    private void markDone(DoneMark mark) {
        Failures.run(
                "marking batch " + mark.id() + " done",
                () -> collections.updateOne(StoreCollection.BATCHES, Filters.eq("_id", mark.id()), doneUpdate(mark)));
    }

    private static Bson doneUpdate(DoneMark mark) {
        return Updates.combine(
                Updates.set("state", DONE),
                Updates.set("conflicts", new ArrayList<>(mark.conflicts())),
                Updates.set("doneAt", mark.doneAt()),
                Updates.unset("changes"),
                Updates.unset(BaselineSegments.ROWS));
    }

    // ----- parts -----

    /**
     * A slice of a batch with its own id, recorded and applied on its own; {@code encoded} is its changes as
     * consecutive BSON documents, stored as one binary value (opaque to the server, so cheap to write and drop).
     */
    private record Part(String id, List<LedgerChange> changes, Binary encoded) {}

    private List<Part> split(StoreBatch batch) {
        List<Part> parts = new ArrayList<>();
        List<LedgerChange> changes = new ArrayList<>();
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        for (LedgerChange c : batch.changes()) {
            ByteBuffer doc =
                    new RawBsonDocument(encodeChange(c), CODEC).getByteBuffer().asNIO();
            int size = doc.remaining();
            if (!changes.isEmpty()
                    && (changes.size() == options.chunkSize() || encoded.size() + size > MAX_PART_BYTES)) {
                parts.add(new Part(null, changes, new Binary(encoded.toByteArray())));
                changes = new ArrayList<>();
                encoded = new ByteArrayOutputStream();
            }
            changes.add(c);
            encoded.write(doc.array(), doc.arrayOffset() + doc.position(), size);
        }
        parts.add(new Part(null, changes, new Binary(encoded.toByteArray())));
        if (parts.size() == 1) {
            return List.of(new Part(
                    batch.batchId(), parts.get(0).changes(), parts.get(0).encoded()));
        }
        List<Part> named = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            named.add(new Part(batch.batchId() + "#" + i, p.changes(), p.encoded()));
        }
        return named;
    }

    /** A change in a part record. */
    private static Document encodeChange(LedgerChange c) {
        return new Document("key", c.key())
                .append("expectedVersion", c.expectedVersion())
                .append("before", c.before() == null ? null : LedgerDocuments.document(c.before()))
                .append("after", LedgerDocuments.document(c.after()))
                .append("effect", EffectDocuments.encode(c.effect()));
    }

    /**
     * A part of a compaction: its entries' keys and the versions they are expected at (each moves to the next one),
     * {@code encodedEntries} (both, as the record's {@code changes}), {@code rows} (the merged contribution of all the
     * entries, as a segment holds it), and each entry's effect where known (by the call that recorded the part, or
     * from a record of an earlier version that held them; null otherwise).
     */
    private record CompactionPart(
            String id, List<String> keys, long[] versions, List<Effect> effects, Binary encodedEntries, Binary rows) {
        int size() {
            return keys.size();
        }

        /** The merged contribution of {@code winners}, encoded as segment rows; null if the effects are unknown. */
        Binary rowsOf(Set<String> winners) {
            if (effects == null) {
                return null;
            }
            Delta delta = new Delta();
            for (int i = 0; i < keys.size(); i++) {
                if (winners.contains(keys.get(i))) {
                    effects.get(i).forEach(delta);
                }
            }
            return BaselineSegments.encode(delta.withoutZeros());
        }
    }

    /**
     * The parts of a compaction batch: at most {@code chunkSize} entries each, halved until the merged contribution
     * of a part of several entries encodes in at most {@value #MAX_PART_BYTES} bytes (before deflating).
     */
    private List<CompactionPart> compactionParts(String batchId, List<LedgerChange> changes) {
        List<List<LedgerChange>> slices = new ArrayList<>();
        List<Binary> rows = new ArrayList<>();
        for (List<LedgerChange> chunk : chunks(changes)) {
            addCompactionSlices(chunk, slices, rows);
        }
        List<CompactionPart> parts = new ArrayList<>(slices.size());
        for (int i = 0; i < slices.size(); i++) {
            List<LedgerChange> slice = slices.get(i);
            List<String> keys = new ArrayList<>(slice.size());
            long[] versions = new long[slice.size()];
            List<Effect> effects = new ArrayList<>(slice.size());
            for (int j = 0; j < slice.size(); j++) {
                LedgerChange c = slice.get(j);
                keys.add(c.key());
                versions[j] = c.expectedVersion();
                effects.add(c.effect());
            }
            String id = slices.size() == 1 ? batchId : batchId + "#" + i;
            parts.add(new CompactionPart(id, keys, versions, effects, encodeEntries(keys, versions), rows.get(i)));
        }
        return parts;
    }

    private static void addCompactionSlices(
            List<LedgerChange> slice, List<List<LedgerChange>> slices, List<Binary> rows) {
        Delta delta = new Delta();
        for (LedgerChange c : slice) {
            c.effect().forEach(delta);
        }
        Binary encoded = slice.size() == 1
                ? BaselineSegments.encode(delta.withoutZeros())
                : BaselineSegments.encode(delta.withoutZeros(), MAX_PART_BYTES);
        if (encoded == null) {
            int half = slice.size() / 2;
            addCompactionSlices(slice.subList(0, half), slices, rows);
            addCompactionSlices(slice.subList(half, slice.size()), slices, rows);
            return;
        }
        slices.add(slice);
        rows.add(encoded);
    }

    /** A compaction record's {@code changes}: one BSON document {@code {keys: [...], versions: [...]}}. */
    private static Binary encodeEntries(List<String> keys, long[] versions) {
        List<Long> boxed = new ArrayList<>(versions.length);
        for (long v : versions) {
            boxed.add(v);
        }
        Document entries = new Document("keys", keys).append("versions", boxed);
        ByteBuffer doc = new RawBsonDocument(entries, CODEC).getByteBuffer().asNIO();
        byte[] bytes = new byte[doc.remaining()];
        doc.get(bytes);
        return new Binary(bytes);
    }

    /**
     * The compaction part recorded in {@code batch}: its {@code changes} hold the entries' keys and versions and
     * {@code rows} their merged contribution; a record of an earlier version of the store holds each change's
     * effect instead of {@code rows}.
     *
     * @throws StoreException if the record cannot be read (it was not written by this store, or by a version of it
     *     that did not record each change's effect)
     */
    private static CompactionPart decodeCompaction(Document batch) {
        String id = batch.getString("_id");
        if (!(batch.get("changes") instanceof Binary binary)) {
            throw new StoreException("MongoDB store cannot resume compaction batch \"" + id
                    + "\": its record has no binary \"changes\"; it was not written by this version of the store");
        }
        if (batch.get(BaselineSegments.ROWS) instanceof Binary rows) {
            Document entries = readDocuments(binary.getData(), id).get(0);
            List<String> keys = entries.getList("keys", String.class);
            List<Long> versions = entries.getList("versions", Long.class);
            if (keys == null || versions == null || keys.size() != versions.size()) {
                throw new StoreException("MongoDB store cannot resume compaction batch \"" + id
                        + "\": its \"changes\" hold no matching keys and versions");
            }
            long[] v = versions.stream().mapToLong(Long::longValue).toArray();
            return new CompactionPart(id, keys, v, null, binary, rows);
        }
        // written by an earlier version: each change with its effect
        List<String> keys = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        List<Effect> effects = new ArrayList<>();
        Delta all = new Delta();
        for (Document c : readDocuments(binary.getData(), id)) {
            List<Document> effect = c.getList("effect", Document.class);
            if (effect == null || !(c.get("expectedVersion") instanceof Long version)) {
                throw new StoreException("MongoDB store cannot resume compaction batch \"" + id + "\": its"
                        + " changes carry no effect; it was written by an earlier version of the store");
            }
            keys.add(c.getString("key"));
            versions.add(version);
            Effect e = EffectDocuments.decode(effect, id);
            effects.add(e);
            e.forEach(all);
        }
        long[] v = versions.stream().mapToLong(Long::longValue).toArray();
        return new CompactionPart(id, keys, v, effects, binary, BaselineSegments.encode(all.withoutZeros()));
    }

    /** The consecutive BSON documents of a record's binary. */
    private static List<Document> readDocuments(byte[] data, String id) {
        List<Document> out = new ArrayList<>();
        for (int at = 0; at < data.length; ) {
            int length = data.length - at < 4
                    ? -1
                    : ByteBuffer.wrap(data, at, 4)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .getInt();
            if (length < 5 || length > data.length - at) {
                throw new StoreException("MongoDB store cannot resume batch \"" + id + "\": its record is truncated");
            }
            out.add(new RawBsonDocument(data, at, length).decode(CODEC));
            at += length;
        }
        if (out.isEmpty()) {
            throw new StoreException("MongoDB store cannot resume batch \"" + id + "\": its record holds no changes");
        }
        return out;
    }

    /**
     * The changes recorded in a part's {@code changes} binary.
     *
     * @throws StoreException if the record has no readable changes (it was not written by this store, or by a
     *     version of it that did not record each change's effect)
     */
    private static List<LedgerChange> decodeChanges(Document batch) {
        if (!(batch.get("changes") instanceof Binary binary)) {
            throw new StoreException("MongoDB store cannot resume batch \"" + batch.get("_id")
                    + "\": its record has no binary \"changes\"; it was not written by this version of the store");
        }
        List<LedgerChange> changes = new ArrayList<>();
        for (Document c : readDocuments(binary.getData(), batch.getString("_id"))) {
            Document before = c.get("before", Document.class);
            LedgerEntry after = LedgerDocuments.entry(c.get("after", Document.class));
            List<Document> effect = c.getList("effect", Document.class);
            if (effect == null) {
                throw new StoreException("MongoDB store cannot resume batch \"" + batch.get("_id") + "\": its"
                        + " changes carry no effect; it was written by an earlier version of the store");
            }
            changes.add(new LedgerChange(
                    before == null ? null : LedgerDocuments.entry(before),
                    after,
                    EffectDocuments.decode(effect, batch.getString("_id"))));
        }
        return changes;
    }

    private <T> List<List<T>> chunks(List<T> all) {
        int size = options.chunkSize();
        if (all.size() <= size) {
            return List.of(all);
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }
}
