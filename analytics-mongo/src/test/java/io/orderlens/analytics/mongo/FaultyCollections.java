package io.orderlens.analytics.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.WriteModel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Wraps the store's collection access to interrupt it: after a scheduled write step has really reached the server,
 * the call throws as if the connection dropped before the reply arrived (the worst case for exactly-once: the write
 * happened, the caller does not know). Can also stage a concurrent writer that runs between the store's read of a
 * collection and its bulk write to it, so the bulk write meets what the competitor wrote (a real duplicate key or a
 * lost compare-and-set). Thread-safe.
 */
final class FaultyCollections implements StoreCollections {
    private final StoreCollections delegate;
    private final Map<String, Integer> faultsByStep = new TreeMap<>();
    private final Map<String, Integer> writesByStep = new TreeMap<>();
    private IntSupplier nextFaultAfter;
    private int writesUntilFault = -1;
    private Race race;
    private int duplicateKeyErrors;
    private Runnable atFault = () -> {};

    /** A concurrent writer that runs just before the next bulk write to {@code target}. */
    record Race(StoreCollection target, Runnable competitor) {}

    FaultyCollections(StoreCollections delegate) {
        this.delegate = delegate;
    }

    /** From now on, fail after the write step {@code schedule} says (asked again after each fault). */
    synchronized void failAfterEvery(IntSupplier schedule) {
        this.nextFaultAfter = schedule;
        this.writesUntilFault = schedule.getAsInt();
    }

    /** Fail right after the {@code n}-th write step from now, once. */
    synchronized void failAfterWrite(int n) {
        this.nextFaultAfter = null;
        this.writesUntilFault = n;
    }

    /** Fail right after the {@code n}-th write step from now, once, running {@code action} first. */
    synchronized void failAfterWrite(int n, Runnable action) {
        failAfterWrite(n);
        this.atFault = action;
    }

    synchronized void stopFailing() {
        this.nextFaultAfter = null;
        this.writesUntilFault = -1;
    }

    synchronized void stageRace(Race race) {
        this.race = race;
    }

    synchronized boolean raceStaged() {
        return race != null;
    }

    synchronized Map<String, Integer> faultsByStep() {
        return new TreeMap<>(faultsByStep);
    }

    /** Duplicate-key errors the server really returned for bulk-write items. */
    synchronized int duplicateKeyErrors() {
        return duplicateKeyErrors;
    }

    /** Write steps that reached the server, by step, faulted or not. */
    synchronized Map<String, Integer> writesByStep() {
        return new TreeMap<>(writesByStep);
    }

    synchronized int faults() {
        return faultsByStep.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public MongoCollection<Document> collection(StoreCollection which) {
        return delegate.collection(which);
    }

    @Override
    public BulkWriteResult bulkWrite(StoreCollection which, List<WriteModel<Document>> models) {
        Race staged = takeRace(which);
        if (staged != null) {
            return raceOn(staged, which, models);
        }
        BulkWriteResult result;
        try {
            result = delegate.bulkWrite(which, models);
        } catch (MongoBulkWriteException e) {
            synchronized (this) {
                duplicateKeyErrors += (int) e.getWriteErrors().stream()
                        .filter(w -> w.getCode() == 11000)
                        .count();
            }
            throw e;
        }
        afterWrite(
                switch (which) {
                    case LEDGER -> "2 ledger";
                    case BATCHES -> "1 record batch";
                    default -> "3 " + which.suffix();
                });
        return result;
    }

    @Override
    public void insertOne(StoreCollection which, Document document) {
        delegate.insertOne(which, document);
        afterWrite("1 record batch");
    }

    @Override
    public void updateOne(StoreCollection which, Bson filter, Bson update) {
        delegate.updateOne(which, filter, update);
        afterWrite("4 mark batch done");
    }

    @Override
    public void deleteMany(StoreCollection which, Bson filter) {
        delegate.deleteMany(which, filter);
        afterWrite("delete " + which.suffix());
    }

    private synchronized Race takeRace(StoreCollection which) {
        if (race != null && race.target() == which) {
            Race r = race;
            race = null;
            return r;
        }
        return null;
    }

    private BulkWriteResult raceOn(Race staged, StoreCollection which, List<WriteModel<Document>> models) {
        staged.competitor().run();
        return bulkWrite(which, models);
    }

    private void afterWrite(String step) {
        synchronized (this) {
            writesByStep.merge(step, 1, Integer::sum);
            if (writesUntilFault < 0) {
                return;
            }
            writesUntilFault--;
            if (writesUntilFault > 0) {
                return;
            }
            faultsByStep.merge(step, 1, Integer::sum);
            writesUntilFault = nextFaultAfter == null ? -1 : nextFaultAfter.getAsInt();
            atFault.run();
            atFault = () -> {};
        }
        throw new MongoSocketReadException(
                "connection lost after step '" + step + "' reached the server", new ServerAddress());
    }

    /** True if {@code e} is a fault this class injected. */
    static boolean injected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MongoException && t.getMessage().contains("reached the server")) {
                return true;
            }
        }
        return false;
    }
}
