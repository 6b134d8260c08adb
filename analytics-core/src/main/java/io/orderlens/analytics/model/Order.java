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
        // the checks build no message unless one fails: this runs for every order recorded
        Checks.id(orderId, "orderId", "");
        if (customer == null) {
            Checks.notNull(customer, "customer", ctx(orderId));
        }
        if (!Checks.inRange(placedAt)) {
            Checks.instant(placedAt, "placedAt", ctx(orderId));
        }
        if (lines == null) {
            Checks.notNull(lines, "lines", ctx(orderId));
        }
        LineItem[] items = lines.toArray(new LineItem[0]);
        if (items.length == 0 || items.length > Checks.MAX_LINES) {
            throw lineCountProblem(items.length, orderId);
        }
        for (LineItem line : items) {
            if (line == null) {
                Checks.notNull(line, "line item", ctx(orderId));
            }
        }
        lines = List.of(items);
        country = country == null || country.isBlank() ? UNKNOWN_COUNTRY : checkedCountry(country, orderId);
        checkTotal(items, orderId);
        long bytes = Sizes.order(orderId, customer.customerId(), country, items);
        if (bytes > Checks.MAX_EVENT_BYTES) {
            throw new InvalidEventException("an order may encode to at most " + Checks.MAX_EVENT_BYTES
                    + " bytes (UTF-8 of its ids and names plus 128 per line), got " + bytes + ctx(orderId));
        }
    }

    private static String ctx(String orderId) {
        return Checks.in("order", orderId);
    }

    private static InvalidEventException lineCountProblem(int count, String orderId) {
        return count == 0
                ? new InvalidEventException("an order needs at least one line item" + ctx(orderId))
                : new InvalidEventException(
                        "an order may have at most " + Checks.MAX_LINES + " lines, got " + count + ctx(orderId));
    }

    private static String checkedCountry(String country, String orderId) {
        return Checks.idProblem(country, Checks.MAX_ID_LENGTH) == null
                ? country
                : Checks.id(country, "country", ctx(orderId));
    }

    /** Throws unless the sum of the lines, in money units, fits a long. */
    private static void checkTotal(LineItem[] items, String orderId) {
        long total = 0;
        for (LineItem line : items) {
            try {
                total = Math.addExact(
                        total, MoneyUnits.times(MoneyUnits.of(line.unitPrice(), "unitPrice"), line.quantity()));
            } catch (ArithmeticException e) {
                throw new InvalidEventException("order total is too large" + ctx(orderId));
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
