package io.orderlens.analytics.experiment;

/**
 * Where an experiment is in its life. Customers are assigned and exposures admitted only while {@link #RUNNING};
 * {@link #PAUSED} keeps the exposures recorded so far and admits none; {@link #COMPLETED} is final and freezes the
 * results.
 *
 * <pre>
 * DRAFT ──▶ RUNNING ◀──▶ PAUSED
 *              │            │
 *              └──▶ COMPLETED ◀┘
 * </pre>
 */
public enum ExperimentStatus {
    DRAFT,
    RUNNING,
    PAUSED,
    COMPLETED;

    /** Whether the lifecycle allows moving from this status to {@code next}. */
    public boolean canMoveTo(ExperimentStatus next) {
        return switch (this) {
            case DRAFT -> next == RUNNING;
            case RUNNING -> next == PAUSED || next == COMPLETED;
            case PAUSED -> next == RUNNING || next == COMPLETED;
            case COMPLETED -> false;
        };
    }
}
