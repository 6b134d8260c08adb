package io.orderlens.analytics.backfill;

import java.util.concurrent.atomic.AtomicLong;

final class MemoryCheckpoint implements BackfillCheckpoint {
    private final AtomicLong position = new AtomicLong();

    @Override
    public long load() {
        return position.get();
    }

    @Override
    public void save(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("position must not be negative, got " + newPosition);
        }
        position.set(newPosition);
    }

    @Override
    public String toString() {
        return "BackfillCheckpoint.inMemory(" + position.get() + ")";
    }
}
