package io.orderlens.analytics.segment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A segment definition: a condition on one {@link CustomerField} ({@code field op values}) or a combination of rules
 * ({@link Operator#AND}, {@link Operator#OR}, {@link Operator#NOT}) to any depth up to {@value #MAX_DEPTH}. An
 * immutable value, checked when constructed (also when read from JSON), so a rule that exists is well-formed; a
 * rule naming an RFM segment is checked against the grid when it is evaluated.
 *
 * <p>One record for every node, with the operator as its type field, so that a plain Jackson {@code ObjectMapper}
 * writes and reads it without annotations or modules:
 *
 * <pre>{@code
 * {"op":"AND","field":null,"values":[],"rules":[
 *     {"op":"GE","field":"ORDERS","values":["3"],"rules":[]},
 *     {"op":"WITHIN_LAST_DAYS","field":"LAST_ORDER_DATE","values":["90"],"rules":[]}]}
 * }</pre>
 *
 * Missing {@code values} or {@code rules} read as empty, and {@code field} may be omitted on AND / OR / NOT.
 *
 * @param op     the operator (never null)
 * @param field  the field a comparison tests; null for AND / OR / NOT
 * @param values the comparison's values as strings (see {@link CustomerField#parse}); empty for AND / OR / NOT
 * @param rules  the combined rules; empty for comparisons
 */
public record Rule(Operator op, CustomerField field, List<String> values, List<Rule> rules) {
    /** Deepest nesting accepted (a comparison alone has depth 1). */
    public static final int MAX_DEPTH = 32;
    /** Most values one comparison takes (IN). */
    public static final int MAX_VALUES = 1_000;

    /** @throws InvalidRuleException naming the operator, field or value that is wrong */
    public Rule {
        if (op == null) {
            throw new InvalidRuleException(
                    "a rule needs an operator (op), one of " + Arrays.toString(Operator.values()));
        }
        values = values == null ? List.of() : copy(values);
        rules = rules == null ? List.of() : List.copyOf(nonNull(rules, op));
        if (op.logical()) {
            checkCombination(op, field, values, rules);
        } else {
            checkComparison(op, field, values, rules);
        }
    }

    /** Every rule holds. */
    public static Rule and(Rule... rules) {
        return new Rule(Operator.AND, null, List.of(), Arrays.asList(rules));
    }

    /** At least one rule holds. */
    public static Rule or(Rule... rules) {
        return new Rule(Operator.OR, null, List.of(), Arrays.asList(rules));
    }

    /** {@code rule} does not hold. */
    public static Rule not(Rule rule) {
        return new Rule(Operator.NOT, null, List.of(), Arrays.asList(rule));
    }

    /**
     * A comparison; values may be given as strings, numbers, {@link BigDecimal}s, {@link LocalDate}s or enum
     * constants (written as their plain string form).
     */
    public static Rule where(CustomerField field, Operator op, Object... values) {
        List<String> text = new ArrayList<>(values.length);
        for (Object v : values) {
            text.add(
                    v instanceof BigDecimal b
                            ? b.toPlainString()
                            : v instanceof Enum<?> e ? e.name() : v == null ? null : v.toString());
        }
        return new Rule(op, field, text, List.of());
    }

    /** How deep this rule nests: 1 for a comparison. */
    public int depth() {
        int d = 0;
        for (Rule r : rules) {
            d = Math.max(d, r.depth());
        }
        return d + 1;
    }

    private static void checkCombination(Operator op, CustomerField field, List<String> values, List<Rule> rules) {
        if (field != null) {
            throw new InvalidRuleException(op + " combines rules and takes no field, got " + field);
        }
        if (!values.isEmpty()) {
            throw new InvalidRuleException(op + " combines rules and takes no values, got " + values);
        }
        if (op == Operator.NOT ? rules.size() != 1 : rules.isEmpty()) {
            throw new InvalidRuleException(
                    op + (op == Operator.NOT ? " needs exactly one rule" : " needs at least one rule") + ", got "
                            + rules.size());
        }
        int depth = 0;
        for (Rule r : rules) {
            depth = Math.max(depth, r.depth());
        }
        if (depth + 1 > MAX_DEPTH) {
            throw new InvalidRuleException("a rule may nest at most " + MAX_DEPTH + " levels deep, got " + (depth + 1));
        }
    }

    private static void checkComparison(Operator op, CustomerField field, List<String> values, List<Rule> rules) {
        if (field == null) {
            throw new InvalidRuleException(op + " compares a field: field must not be null");
        }
        if (!rules.isEmpty()) {
            throw new InvalidRuleException(op + " on " + field + " compares a field and takes no sub-rules");
        }
        if (!field.operators().contains(op)) {
            throw new InvalidRuleException(
                    "field " + field + " does not take operator " + op + "; it takes " + field.operators());
        }
        int expected = op == Operator.BETWEEN ? 2 : op == Operator.IN ? -1 : 1;
        if (expected > 0 && values.size() != expected) {
            throw new InvalidRuleException(op + " on " + field + " needs " + expected + " value"
                    + (expected == 1 ? "" : "s") + ", got " + values.size() + " " + values);
        }
        if (op == Operator.IN && (values.isEmpty() || values.size() > MAX_VALUES)) {
            throw new InvalidRuleException(
                    "IN on " + field + " needs 1.." + MAX_VALUES + " values, got " + values.size());
        }
        List<Object> parsed = new ArrayList<>(values.size());
        for (String v : values) {
            parsed.add(field.parse(op, v));
        }
        if (op == Operator.BETWEEN && compare(parsed.get(0), parsed.get(1)) > 0) {
            throw new InvalidRuleException("BETWEEN on " + field + " needs the lower bound first, got " + values);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    private static List<String> copy(List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidRuleException("value " + i + " of a rule is null");
            }
        }
        return List.copyOf(values);
    }

    private static List<Rule> nonNull(List<Rule> rules, Operator op) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) == null) {
                throw new InvalidRuleException("rule " + i + " of " + op + " is null");
            }
        }
        return rules;
    }
}
