package io.orderlens.analytics.backfill;

enum NoCheckpoint implements BackfillCheckpoint {
    INSTANCE;

    @Override
    public long load() {
        return 0;
    }

    @Override
    public void save(long position) {}
}
