/**
 * Backfill of historical events in batches: options, progress, result, and the checkpoints that make a run
 * resumable ({@link io.orderlens.analytics.backfill.BackfillCheckpoint}, with file, memory and no-op
 * implementations). Values are immutable; checkpoint implementations state their own thread-safety.
 */
package io.orderlens.analytics.backfill;
