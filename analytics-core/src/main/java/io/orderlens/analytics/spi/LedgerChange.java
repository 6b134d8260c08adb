package io.orderlens.analytics.spi;

import io.orderlens.analytics.internal.Contributions;

/**
 * One ledger entry moving from {@code before} (null when the key is new) to {@code after}. A store applies it only if
 * the stored entry still has {@code before}'s version (or is absent when {@code before} is null).
 */
public record LedgerChange(LedgerEntry before, LedgerEntry after) {
    public LedgerChange {
        if (after == null) {
            throw new IllegalArgumentException("a ledger change needs the entry after the change");
        }
        if (before != null && !before.key().equals(after.key())) {
            throw new IllegalArgumentException("before and after are different entries: " + before.key() + ", "
                    + after.key());
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

    /** The aggregate increments this change causes: contribution(after) − contribution(before). */
    public Delta delta() {
        return Contributions.change(before, after);
    }
}
