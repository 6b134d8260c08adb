package io.orderlens.analytics;

import java.time.Instant;

/**
 * What one compaction of the ledger did ({@link Analytics#compact}).
 *
 * @param horizon   the retention horizon in force: entries settled before it are final
 * @param compacted ledger entries removed, their contributions moved into the baseline
 * @param skipped   final entries another writer changed while they were being compacted; they stay in the ledger
 *                  and a later run compacts them
 * @param batches   store batches written
 */
public record CompactionReport(Instant horizon, long compacted, long skipped, long batches) {}
