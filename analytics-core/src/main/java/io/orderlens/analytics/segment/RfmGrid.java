package io.orderlens.analytics.segment;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Named RFM segments from scores: the first rule (in list order) whose ranges hold the customer's scores names the
 * segment; a customer no rule matches is in {@code otherwise}. A value the host may replace.
 *
 * @param rules     tried in order; names distinct
 * @param otherwise the name of the customers no rule matches, distinct from the rules' names
 */
public record RfmGrid(List<RfmSegmentRule> rules, String otherwise) {
    private static final RfmGrid STANDARD = new RfmGrid(
            List.of(
                    new RfmSegmentRule("Champions", 4, 5, 4, 5, 4, 5),
                    new RfmSegmentRule("Loyal Customers", 2, 5, 3, 5, 3, 5),
                    new RfmSegmentRule("New Customers", 4, 5, 1, 1, 1, 1),
                    new RfmSegmentRule("Promising", 3, 4, 1, 1, 1, 1),
                    new RfmSegmentRule("Potential Loyalist", 3, 5, 1, 3, 1, 3),
                    new RfmSegmentRule("Need Attention", 2, 3, 2, 3, 2, 3),
                    new RfmSegmentRule("About To Sleep", 2, 3, 1, 2, 1, 2),
                    new RfmSegmentRule("Can't Lose Them", 1, 1, 4, 5, 4, 5),
                    new RfmSegmentRule("At Risk", 1, 2, 2, 5, 2, 5),
                    new RfmSegmentRule("Lost", 1, 2, 1, 2, 1, 2)),
            "Others");

    /** @throws InvalidRuleException if there are no rules, a name repeats, or {@code otherwise} is blank */
    public RfmGrid {
        if (rules == null || rules.isEmpty()) {
            throw new InvalidRuleException("an RFM grid needs at least one segment rule");
        }
        rules = List.copyOf(rules);
        if (otherwise == null || otherwise.isBlank()) {
            throw new InvalidRuleException("an RFM grid needs a name for unmatched customers (otherwise), got "
                    + (otherwise == null ? "null" : "'" + otherwise + "'"));
        }
        Set<String> names = new HashSet<>();
        for (RfmSegmentRule r : rules) {
            if (!names.add(r.name())) {
                throw new InvalidRuleException("RFM segment name '" + r.name() + "' appears twice in the grid");
            }
        }
        if (names.contains(otherwise)) {
            throw new InvalidRuleException("otherwise name '" + otherwise + "' is also a segment rule's name");
        }
    }

    /**
     * The ten segments and score ranges of the R package {@code rfm} (Hebbali; the {@code rfm_segment} example of
     * versions 0.2.x): Champions R4–5 F4–5 M4–5, Loyal Customers R2–5 F3–5 M3–5, New Customers R4–5 F1 M1, Promising
     * R3–4 F1 M1, Potential Loyalist R3–5 F1–3 M1–3, Need Attention R2–3 F2–3 M2–3, About To Sleep R2–3 F1–2 M1–2,
     * Can't Lose Them R1 F4–5 M4–5, At Risk R1–2 F2–5 M2–5, Lost R1–2 F1–2 M1–2; the rest are "Others", as in the
     * package. First match wins, in this order: the package's example lists Potential Loyalist before New Customers
     * and Promising, and At Risk before Can't Lose Them, whose ranges lie inside those earlier ones, so with its order
     * those three segments could never be chosen; here each narrower range comes before the range that contains it.
     */
    public static RfmGrid standard() {
        return STANDARD;
    }

    /** The segment of the scores (each 1..5). */
    public String segmentOf(int recency, int frequency, int monetary) {
        for (RfmSegmentRule r : rules) {
            if (r.matches(recency, frequency, monetary)) {
                return r.name();
            }
        }
        return otherwise;
    }

    /** Every segment name, in grid order, {@code otherwise} last. */
    public List<String> names() {
        String[] out = new String[rules.size() + 1];
        for (int i = 0; i < rules.size(); i++) {
            out[i] = rules.get(i).name();
        }
        out[rules.size()] = otherwise;
        return List.of(out);
    }
}
