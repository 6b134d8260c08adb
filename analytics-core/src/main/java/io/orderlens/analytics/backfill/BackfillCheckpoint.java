package io.orderlens.analytics.backfill;

import java.nio.file.Path;

/**
 * Where a backfill remembers how far it got: the number of events of the source that are behind it. A backfill saves
 * the position after each batch is written; a new backfill over the same source with the same checkpoint skips that
 * many events. A crash between a write and its save makes the next run write that batch again, which changes
 * nothing (recording an event twice is a no-op).
 */
public interface BackfillCheckpoint {

    /** The saved position, 0 if none. */
    long load();

    /** Saves {@code position} (never smaller than the loaded one during a run). */
    void save(long position);

    /** A checkpoint that never remembers anything: every backfill starts at 0. */
    static BackfillCheckpoint none() {
        return NoCheckpoint.INSTANCE;
    }

    /** A checkpoint in memory, starting at 0; thread-safe. Survives an interrupted run, not a restart. */
    static BackfillCheckpoint inMemory() {
        return new MemoryCheckpoint();
    }

    /**
     * A checkpoint in a small text file holding the position in decimal. Saves replace the file atomically (write a
     * sibling temporary file, then move it over), so a crash leaves either the old or the new position. A missing
     * file means 0.
     *
     * @throws IllegalArgumentException if {@code file} is null or a directory
     */
    static BackfillCheckpoint file(Path file) {
        return new FileCheckpoint(file);
    }
}
