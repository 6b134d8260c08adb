package io.orderlens.analytics.model;

import io.orderlens.analytics.InvalidEventException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/**
 * An order as the host saved it. Immutable; checks itself on construction.
 *
 * <p>Ids (order, customer, product and refund ids, categories, countries) are 1 to 200 UTF-16 code units of
 * well-formed Unicode (no unpaired surrogate), without control characters (NUL, newline, tab, ...) and without leading
 * or trailing whitespace; product names are at most 500 code units of well-formed Unicode without control
 * characters. Instants lie in [1900-01-01T00:00:00Z, 2200-01-01T00:00:00Z). An order has at most 1,000 lines and
 * encodes to at most 512 KiB (UTF-8 of its ids and names plus 128 bytes per line). Anything else is rejected with
 * an {@link InvalidEventException} naming the field and quoting the value, so every accepted order is stored and
 * read back exactly by every store.
 *
 * @param orderId  required, unique per order for the host
 * @param customer who ordered
 * @param placedAt when the order was placed; gross sales are dated by this instant in the business zone
 * @param lines    1 to 1,000 lines; the same product may appear on several lines
 * @param currency the order's single currency; null means the engine's configured currency
 * @param country  where the order ships, for sales by country, an id; null or blank becomes
 *                 {@value #UNKNOWN_COUNTRY}
 */
public record Order(
        String orderId, Customer customer, Instant placedAt, List<LineItem> lines, Currency currency, String country) {

    public static final String UNKNOWN_COUNTRY = "unknown";

    public Order {
        Checks.id(orderId, "orderId", "");
        String ctx = Checks.in("order", orderId);
        Checks.notNull(customer, "customer", ctx);
        Checks.instant(placedAt, "placedAt", ctx);
        Checks.notNull(lines, "lines", ctx);
        if (lines.isEmpty()) {
            throw new InvalidEventException("an order needs at least one line item" + ctx);
        }
        if (lines.size() > Checks.MAX_LINES) {
            throw new InvalidEventException(
                    "an order may have at most " + Checks.MAX_LINES + " lines, got " + lines.size() + ctx);
        }
        for (LineItem line : lines) {
            Checks.notNull(line, "line item", ctx);
        }
        lines = List.copyOf(lines);
        country = country == null || country.isBlank() ? UNKNOWN_COUNTRY : Checks.id(country, "country", ctx);
        long total = 0;
        for (LineItem line : lines) {
            try {
                total = Math.addExact(
                        total, MoneyUnits.times(MoneyUnits.of(line.unitPrice(), "unitPrice"), line.quantity()));
            } catch (ArithmeticException e) {
                throw new InvalidEventException("order total is too large" + ctx);
            }
        }
        long bytes = Sizes.order(orderId, customer.customerId(), country, lines);
        if (bytes > Checks.MAX_EVENT_BYTES) {
            throw new InvalidEventException("an order may encode to at most " + Checks.MAX_EVENT_BYTES
                    + " bytes (UTF-8 of its ids and names plus 128 per line), got " + bytes + ctx);
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
