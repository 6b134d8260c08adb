package io.orderlens.analytics.segment;

/**
 * One named cell range of an {@link RfmGrid}: a customer whose three scores are each within the inclusive bounds
 * belongs to {@code name} (unless an earlier rule of the grid matched).
 */
public record RfmSegmentRule(
        String name,
        int minRecency,
        int maxRecency,
        int minFrequency,
        int maxFrequency,
        int minMonetary,
        int maxMonetary) {

    /** @throws InvalidRuleException if the name is blank or a bound is outside 1..5 or min exceeds max */
    public RfmSegmentRule {
        if (name == null || name.isBlank()) {
            throw new InvalidRuleException(
                    "an RFM segment needs a name, got " + (name == null ? "null" : "'" + name + "'"));
        }
        bounds(name, "recency", minRecency, maxRecency);
        bounds(name, "frequency", minFrequency, maxFrequency);
        bounds(name, "monetary", minMonetary, maxMonetary);
    }

    /** Whether the scores fall in this rule's ranges. */
    public boolean matches(int recency, int frequency, int monetary) {
        return recency >= minRecency
                && recency <= maxRecency
                && frequency >= minFrequency
                && frequency <= maxFrequency
                && monetary >= minMonetary
                && monetary <= maxMonetary;
    }

    private static void bounds(String name, String what, int min, int max) {
        if (min < 1 || max > 5 || min > max) {
            throw new InvalidRuleException("RFM segment '" + name + "': " + what + " score range must be within 1..5"
                    + " with min <= max, got " + min + ".." + max);
        }
    }
}
