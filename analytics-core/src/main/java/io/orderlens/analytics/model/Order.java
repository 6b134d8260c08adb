package io.orderlens.analytics.model;

import io.orderlens.analytics.InvalidEventException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/**
 * An order as the host saved it. Immutable; checks itself on construction.
 *
 * @param orderId  required, non-blank, unique per order for the host
 * @param customer who ordered
 * @param placedAt when the order was placed; gross sales are dated by this instant in the business zone
 * @param lines    at least one line; the same product may appear on several lines
 * @param currency the order's single currency; null means the engine's configured currency
 * @param country  where the order ships, for sales by country; null or blank becomes {@value #UNKNOWN_COUNTRY}
 */
public record Order(
        String orderId, Customer customer, Instant placedAt, List<LineItem> lines, Currency currency, String country) {

    public static final String UNKNOWN_COUNTRY = "unknown";

    public Order {
        Checks.id(orderId, "orderId", "");
        String ctx = Checks.in("order", orderId);
        Checks.notNull(customer, "customer", ctx);
        Checks.notNull(placedAt, "placedAt", ctx);
        Checks.notNull(lines, "lines", ctx);
        if (lines.isEmpty()) {
            throw new InvalidEventException("an order needs at least one line item" + ctx);
        }
        for (LineItem line : lines) {
            Checks.notNull(line, "line item", ctx);
        }
        lines = List.copyOf(lines);
        country = country == null || country.isBlank() ? UNKNOWN_COUNTRY : country;
        long total = 0;
        for (LineItem line : lines) {
            try {
                total = Math.addExact(
                        total, MoneyUnits.times(MoneyUnits.of(line.unitPrice(), "unitPrice"), line.quantity()));
            } catch (ArithmeticException e) {
                throw new InvalidEventException("order total is too large" + ctx);
            }
        }
    }

    /** Convenience constructor for an order in the engine's configured currency. */
    public Order(String orderId, Customer customer, Instant placedAt, List<LineItem> lines, String country) {
        this(orderId, customer, placedAt, lines, null, country);
    }

    public String customerId() {
        return customer.customerId();
    }

    /** Sum of the lines, exact. */
    public BigDecimal total() {
        BigDecimal sum = BigDecimal.ZERO;
        for (LineItem line : lines) {
            sum = sum.add(line.amount());
        }
        return sum;
    }

    /** Total number of items (sum of quantities). */
    public long itemCount() {
        long n = 0;
        for (LineItem line : lines) {
            n += line.quantity();
        }
        return n;
    }
}
