package io.orderlens.analytics.experiment;

/**
 * A slice {@code [start, end)} of a namespace shared by mutually exclusive experiments: a customer is eligible only
 * when GrowthBook's namespace hash of their id falls in the slice.
 *
 * @param id non-blank namespace name
 * @param start inclusive lower bound in {@code [0, 1]}
 * @param end exclusive upper bound in {@code (start, 1]}
 */
public record Namespace(String id, double start, double end) {
    public Namespace {
        if (id == null || id.isBlank()) {
            throw new InvalidExperimentException("namespace id must be non-blank, got " + Variation.quote(id));
        }
        if (!(start >= 0 && start < end && end <= 1)) {
            throw new InvalidExperimentException("namespace '" + id
                    + "' range must satisfy 0 <= start < end <= 1, got [" + start + ", " + end + ")");
        }
    }

    /** Whether {@code customerId} falls in this slice. */
    public boolean contains(String customerId) {
        return Bucketing.inNamespace(customerId, id, start, end);
    }
}
