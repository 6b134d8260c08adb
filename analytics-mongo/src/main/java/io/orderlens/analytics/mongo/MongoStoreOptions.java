package io.orderlens.analytics.mongo;

import com.mongodb.WriteConcern;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of a {@link MongoAnalyticsStore}. Immutable; every value is checked when the record is created.
 *
 * @param collectionPrefix prefix of every collection name (default {@value #DEFAULT_PREFIX}); letters, digits,
 *                         {@code _}, {@code -} and {@code .}, at most 64 characters
 * @param writeConcern     write concern of every write (default {@link WriteConcern#MAJORITY}); the exactly-once
 *                         guarantee holds for writes the server acknowledged with it
 * @param chunkSize        most write models per bulk write and most ledger changes per recorded batch, 1 to
 *                         {@value #MAX_CHUNK_SIZE} (default {@value #MAX_CHUNK_SIZE}, the smallest
 *                         {@code maxWriteBatchSize} among supported servers)
 * @param guardWindow      how many recent batch ids each ledger and aggregate document remembers, 8 to 1,000
 *                         (default {@value #DEFAULT_GUARD_WINDOW}); a batch left pending by a crash must be recovered
 *                         before that many later batches touched the same document
 * @param recoveryGrace    {@link MongoAnalyticsStore#recover()} resumes pending batches older than this (default
 *                         zero: all of them; resuming a batch another instance is still writing is safe)
 * @param batchRetention   how long finished batch records are kept so that a late replay stays a no-op (default
 *                         7 days); older ones are deleted by {@link MongoAnalyticsStore#recover()}
 * @param guardCacheEntries how many aggregate documents' guard versions the store remembers, 0 to
 *                         {@value #MAX_GUARD_CACHE_ENTRIES} (default {@value #DEFAULT_GUARD_CACHE_ENTRIES}: a table of
 *                         at most 16 MiB, grown as needed, 16 to 64 bytes per entry); the first write of a new batch to a remembered document needs no read of it,
 *                         and a document this store has not seen is presumed absent. 0 reads every document before
 *                         writing it. A hint only: a wrong guess costs one more read and write, never a wrong count
 */
public record MongoStoreOptions(
        String collectionPrefix,
        WriteConcern writeConcern,
        int chunkSize,
        int guardWindow,
        Duration recoveryGrace,
        Duration batchRetention,
        int guardCacheEntries) {

    public static final String DEFAULT_PREFIX = "analytics_";
    public static final int MAX_CHUNK_SIZE = 1_000;
    public static final int DEFAULT_GUARD_WINDOW = 64;
    public static final int DEFAULT_GUARD_CACHE_ENTRIES = 500_000;
    public static final int MAX_GUARD_CACHE_ENTRIES = 50_000_000;

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]{0,64}");

    public MongoStoreOptions {
        Objects.requireNonNull(collectionPrefix, "collectionPrefix must not be null (use \"\" for none)");
        if (!PREFIX.matcher(collectionPrefix).matches()) {
            throw new IllegalArgumentException("collectionPrefix must be at most 64 letters, digits, '_', '-' or "
                    + "'.', got \"" + collectionPrefix + "\"");
        }
        Objects.requireNonNull(writeConcern, "writeConcern must not be null");
        if (!writeConcern.isAcknowledged()) {
            throw new IllegalArgumentException(
                    "writeConcern must be acknowledged: the ledger gate needs to see its own write errors, got "
                            + writeConcern);
        }
        if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException(
                    "chunkSize must be between 1 and " + MAX_CHUNK_SIZE + ", got " + chunkSize);
        }
        if (guardWindow < 8 || guardWindow > 1_000) {
            throw new IllegalArgumentException("guardWindow must be between 8 and 1000, got " + guardWindow);
        }
        Objects.requireNonNull(recoveryGrace, "recoveryGrace must not be null");
        if (recoveryGrace.isNegative()) {
            throw new IllegalArgumentException("recoveryGrace must not be negative, got " + recoveryGrace);
        }
        Objects.requireNonNull(batchRetention, "batchRetention must not be null");
        if (batchRetention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("batchRetention must be at least one minute, got " + batchRetention);
        }
        if (guardCacheEntries < 0 || guardCacheEntries > MAX_GUARD_CACHE_ENTRIES) {
            throw new IllegalArgumentException("guardCacheEntries must be between 0 and " + MAX_GUARD_CACHE_ENTRIES
                    + ", got " + guardCacheEntries);
        }
    }

    /** The defaults described on each component. */
    public static MongoStoreOptions defaults() {
        return new MongoStoreOptions(
                DEFAULT_PREFIX,
                WriteConcern.MAJORITY,
                MAX_CHUNK_SIZE,
                DEFAULT_GUARD_WINDOW,
                Duration.ZERO,
                Duration.ofDays(7),
                DEFAULT_GUARD_CACHE_ENTRIES);
    }

    public MongoStoreOptions withCollectionPrefix(String prefix) {
        return new MongoStoreOptions(
                prefix, writeConcern, chunkSize, guardWindow, recoveryGrace, batchRetention, guardCacheEntries);
    }

    public MongoStoreOptions withWriteConcern(WriteConcern concern) {
        return new MongoStoreOptions(
                collectionPrefix, concern, chunkSize, guardWindow, recoveryGrace, batchRetention, guardCacheEntries);
    }

    public MongoStoreOptions withChunkSize(int size) {
        return new MongoStoreOptions(
                collectionPrefix, writeConcern, size, guardWindow, recoveryGrace, batchRetention, guardCacheEntries);
    }

    public MongoStoreOptions withGuardWindow(int window) {
        return new MongoStoreOptions(
                collectionPrefix, writeConcern, chunkSize, window, recoveryGrace, batchRetention, guardCacheEntries);
    }

    public MongoStoreOptions withRecoveryGrace(Duration grace) {
        return new MongoStoreOptions(
                collectionPrefix, writeConcern, chunkSize, guardWindow, grace, batchRetention, guardCacheEntries);
    }

    public MongoStoreOptions withBatchRetention(Duration retention) {
        return new MongoStoreOptions(
                collectionPrefix, writeConcern, chunkSize, guardWindow, recoveryGrace, retention, guardCacheEntries);
    }

    public MongoStoreOptions withGuardCacheEntries(int entries) {
        return new MongoStoreOptions(
                collectionPrefix, writeConcern, chunkSize, guardWindow, recoveryGrace, batchRetention, entries);
    }
}
