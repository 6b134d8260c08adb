package io.orderlens.analytics.internal;

import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.segment.CustomerField;
import io.orderlens.analytics.segment.InvalidRuleException;
import io.orderlens.analytics.segment.Operator;
import io.orderlens.analytics.segment.RfmGrid;
import io.orderlens.analytics.segment.Rule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link Rule} compiled once per query into a tree of tests over {@link CustomerFacts}: values parsed, money in
 * units, dates as epoch days. Records which products and categories it tests and whether it needs RFM scores.
 * Immutable; thread-safe.
 */
final class SegmentRules {
    /** A compiled rule. */
    interface Test {
        boolean test(CustomerFacts f);
    }

    final Test test;
    final boolean usesRfm;
    final boolean usesClv;
    final Set<String> products;
    final Set<String> categories;

    private SegmentRules(Test test, boolean usesRfm, boolean usesClv, Set<String> products, Set<String> categories) {
        this.test = test;
        this.usesRfm = usesRfm;
        this.usesClv = usesClv;
        this.products = products;
        this.categories = categories;
    }

    /**
     * @throws InvalidRuleException if the rule is null or names an RFM segment {@code grid} does not have
     */
    static SegmentRules compile(Rule rule, RfmGrid grid) {
        if (rule == null) {
            throw new InvalidRuleException("rule must not be null");
        }
        Builder b = new Builder(grid);
        Test t = b.compile(rule);
        return new SegmentRules(t, b.usesRfm, b.usesClv, Set.copyOf(b.products), Set.copyOf(b.categories));
    }

    private static final class Builder {
        private final RfmGrid grid;
        private boolean usesRfm;
        private boolean usesClv;
        private final Set<String> products = new LinkedHashSet<>();
        private final Set<String> categories = new LinkedHashSet<>();

        Builder(RfmGrid grid) {
            this.grid = grid;
        }

        Test compile(Rule rule) {
            switch (rule.op()) {
                case AND -> {
                    Test[] parts = parts(rule.rules());
                    return f -> {
                        for (Test p : parts) {
                            if (!p.test(f)) {
                                return false;
                            }
                        }
                        return true;
                    };
                }
                case OR -> {
                    Test[] parts = parts(rule.rules());
                    return f -> {
                        for (Test p : parts) {
                            if (p.test(f)) {
                                return true;
                            }
                        }
                        return false;
                    };
                }
                case NOT -> {
                    Test inner = compile(rule.rules().get(0));
                    return f -> !inner.test(f);
                }
                default -> {
                    return comparison(rule);
                }
            }
        }

        private Test[] parts(List<Rule> rules) {
            Test[] out = new Test[rules.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = compile(rules.get(i));
            }
            return out;
        }

        private Test comparison(Rule rule) {
            CustomerField field = rule.field();
            Operator op = rule.op();
            if (field == CustomerField.RFM_RECENCY
                    || field == CustomerField.RFM_FREQUENCY
                    || field == CustomerField.RFM_MONETARY
                    || field == CustomerField.RFM_SEGMENT) {
                usesRfm = true;
            }
            if (field == CustomerField.PREDICTED_CLV || field == CustomerField.PROBABILITY_ALIVE) {
                usesClv = true;
            }
            if (field == CustomerField.PRODUCT || field == CustomerField.CATEGORY) {
                return bought(field, op, rule.values());
            }
            if (field.ordered()) {
                return ordered(field, op, numbers(field, op, rule.values()));
            }
            Set<Object> accepted = new HashSet<>();
            for (String v : rule.values()) {
                Object parsed = field.parse(op, v);
                if (field == CustomerField.RFM_SEGMENT && !grid.names().contains(parsed)) {
                    throw new InvalidRuleException("value '" + v + "' of field RFM_SEGMENT is not a segment of the"
                            + " RFM grid in use; its segments are " + grid.names());
                }
                accepted.add(parsed);
            }
            boolean negate = op == Operator.NE;
            return f -> {
                Object value = f.label(field);
                return value != null && accepted.contains(value) != negate;
            };
        }

        private Test bought(CustomerField field, Operator op, List<String> values) {
            Set<String> target = field == CustomerField.PRODUCT ? products : categories;
            String[] items = values.toArray(new String[0]);
            for (String item : items) {
                field.parse(op, item);
                target.add(item);
            }
            boolean negate = op == Operator.NE;
            return f -> {
                for (String item : items) {
                    if (f.bought(field, item)) {
                        return !negate;
                    }
                }
                return negate;
            };
        }

        private static long[] numbers(CustomerField field, Operator op, List<String> values) {
            long[] out = new long[values.size()];
            for (int i = 0; i < out.length; i++) {
                Object v = field.parse(op, values.get(i));
                if (field == CustomerField.PROBABILITY_ALIVE) {
                    out[i] = ((BigDecimal) v)
                            .movePointRight(CustomerFacts.PROBABILITY_DECIMALS)
                            .longValueExact();
                } else {
                    out[i] = v instanceof BigDecimal b
                            ? MoneyUnits.of(b, "value of " + field)
                            : v instanceof LocalDate d ? d.toEpochDay() : (Long) v;
                }
            }
            return out;
        }

        private static Test ordered(CustomerField field, Operator op, long[] a) {
            long x = a.length > 0 ? a[0] : 0;
            return switch (op) {
                case EQ -> f -> f.has(field) && f.number(field) == x;
                case NE -> f -> f.has(field) && f.number(field) != x;
                case LT, BEFORE -> f -> f.has(field) && f.number(field) < x;
                case LE -> f -> f.has(field) && f.number(field) <= x;
                case GT, AFTER -> f -> f.has(field) && f.number(field) > x;
                case GE -> f -> f.has(field) && f.number(field) >= x;
                case BETWEEN -> {
                    long hi = a[1];
                    yield f -> {
                        if (!f.has(field)) {
                            return false;
                        }
                        long v = f.number(field);
                        return v >= x && v <= hi;
                    };
                }
                case IN -> {
                    long[] sorted = a.clone();
                    Arrays.sort(sorted);
                    yield f -> f.has(field) && Arrays.binarySearch(sorted, f.number(field)) >= 0;
                }
                case WITHIN_LAST_DAYS ->
                    f -> {
                        if (!f.has(field)) {
                            return false;
                        }
                        long day = f.number(field);
                        return day <= f.asOfDay && day > f.asOfDay - x;
                    };
                default -> throw new IllegalStateException("not a comparison: " + op);
            };
        }
    }
}
