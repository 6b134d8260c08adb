package io.orderlens.analytics.spi;

/**
 * One ledger entry moving from {@code before} (null when the key is new) to {@code after}, with the aggregate
 * increments that move causes. A store applies it only if the stored entry still has {@code before}'s version (or
 * is absent when {@code before} is null), and then adds {@code effect} to its aggregates as given.
 *
 * @param effect contribution(after) − contribution(before), computed by the engine
 */
public record LedgerChange(LedgerEntry before, LedgerEntry after, Effect effect) {
    public LedgerChange {
        if (after == null) {
            throw new IllegalArgumentException("a ledger change needs the entry after the change");
        }
        if (effect == null) {
            throw new IllegalArgumentException(
                    "a ledger change needs its effect (Effect.NONE for none), key " + after.key());
        }
        if (before != null && !before.key().equals(after.key())) {
            throw new IllegalArgumentException(
                    "before and after are different entries: " + before.key() + ", " + after.key());
        }
        long expected = before == null ? 1 : before.version() + 1;
        if (after.version() != expected) {
            throw new IllegalArgumentException(
                    "after.version must be " + expected + " for " + after.key() + ", got " + after.version());
        }
    }

    public String key() {
        return after.key();
    }

    /** The version the stored entry must have for this change to apply; 0 means "absent". */
    public long expectedVersion() {
        return before == null ? 0 : before.version();
    }
}
