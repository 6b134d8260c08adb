package io.orderlens.analytics.flag;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who a rule applies to: a customer in {@code excludeCustomers} never matches; a customer in
 * {@code includeCustomers} always matches; anyone else matches when every attribute condition holds (the host's
 * attribute value is one of the listed values). Empty sets and maps mean "no constraint". Immutable;
 * {@link #matches} allocates nothing.
 *
 * @param includeCustomers customer ids always targeted
 * @param excludeCustomers customer ids never targeted (wins over include)
 * @param attributes attribute name → accepted values (all conditions must hold)
 */
public record Targeting(
        Set<String> includeCustomers, Set<String> excludeCustomers, Map<String, Set<String>> attributes) {
    private static final Targeting EVERYONE = new Targeting(Set.of(), Set.of(), Map.of());

    public Targeting {
        includeCustomers = includeCustomers == null ? Set.of() : Set.copyOf(includeCustomers);
        excludeCustomers = excludeCustomers == null ? Set.of() : Set.copyOf(excludeCustomers);
        if (attributes == null) {
            attributes = Map.of();
        } else {
            Map<String, Set<String>> copy = new HashMap<>();
            attributes.forEach((name, values) -> {
                if (name == null || name.isBlank() || values == null || values.isEmpty()) {
                    throw new InvalidFlagException("attribute condition needs a non-blank name and at least one"
                            + " value, got " + name + " → " + values);
                }
                copy.put(name, Set.copyOf(values));
            });
            attributes = Map.copyOf(copy);
        }
    }

    /** No constraint: every customer matches. */
    public static Targeting everyone() {
        return EVERYONE;
    }

    /** Only these customers (an allow list). */
    public static Targeting customers(String... ids) {
        return new Targeting(Set.of(ids), Set.of(), Map.of());
    }

    /** Customers whose {@code attribute} is one of {@code values}. */
    public static Targeting attribute(String attribute, String... values) {
        return new Targeting(Set.of(), Set.of(), Map.of(attribute, Set.of(values)));
    }

    /** This targeting, additionally excluding {@code ids}. */
    public Targeting excluding(String... ids) {
        HashSet<String> ex = new HashSet<>(excludeCustomers);
        ex.addAll(Set.of(ids));
        return new Targeting(includeCustomers, ex, attributes);
    }

    /**
     * Whether the rule applies to {@code customerId} (may be null) with the host's {@code attributes} (may be null:
     * then only unconstrained or include-list targeting can match).
     */
    public boolean matches(String customerId, Map<String, String> hostAttributes) {
        if (customerId != null) {
            if (excludeCustomers.contains(customerId)) {
                return false;
            }
            if (includeCustomers.contains(customerId)) {
                return true;
            }
        }
        if (!includeCustomers.isEmpty() && attributes.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, Set<String>> condition : attributes.entrySet()) {
            String actual = hostAttributes == null ? null : hostAttributes.get(condition.getKey());
            if (actual == null || !condition.getValue().contains(actual)) {
                return false;
            }
        }
        return true;
    }
}
