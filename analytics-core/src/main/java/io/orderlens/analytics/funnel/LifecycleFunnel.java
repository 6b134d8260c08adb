package io.orderlens.analytics.funnel;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The lifecycle funnel of the orders placed in {@code [from, to]} (business-zone days of their placement), as the
 * orders stand now: every order whose body was recorded, whatever the counting policy. Immutable.
 *
 * @param stages the five forward statuses in lifecycle order
 * @param steps  the durations of every {@link FunnelStep}, in declaration order
 */
public record LifecycleFunnel(
        LocalDate from, LocalDate to, String zone, List<StageCount> stages, List<StepDurations> steps) {
    /** @throws NullPointerException if a component is null or a list holds a null */
    public LifecycleFunnel {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        stages = List.copyOf(stages);
        steps = List.copyOf(steps);
    }

    /** Orders placed in the range that were canceled, at any stage. */
    public long canceled() {
        long n = 0;
        for (StageCount s : stages) {
            n += s.canceled();
        }
        return n;
    }
}
