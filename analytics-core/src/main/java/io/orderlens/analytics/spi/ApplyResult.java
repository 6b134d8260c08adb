package io.orderlens.analytics.spi;

import java.util.Set;

/**
 * Outcome of {@link AnalyticsStore#apply}: every change was applied except those in {@code conflicts}, whose stored
 * version no longer matched (another writer got there first). Conflicted changes had no effect at all; the engine
 * re-reads and recomputes them.
 */
public record ApplyResult(Set<String> conflicts) {
    public static final ApplyResult ALL_APPLIED = new ApplyResult(Set.of());

    public ApplyResult {
        conflicts = Set.copyOf(conflicts);
    }
}
