package io.orderlens.analytics.model;

import io.orderlens.analytics.InvalidEventException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/**
 * Money returned to a customer, dated at {@code at} (refunds are bucketed by refund time, not order time). Four
 * shapes, one factory each:
 * <ul>
 *   <li>{@link #full}: everything of a recorded order that was not yet refunded; the order stops counting;</li>
 *   <li>{@link #ofLines}: some units of some lines of a recorded order;</li>
 *   <li>{@link #ofAmount}: an amount of a recorded order not tied to lines (customer spend and daily refunds move,
 *       product revenue does not);</li>
 *   <li>{@link #standalone}: a refund the host cannot link to an order (e.g. a credit note); each line carries its
 *       amount.</li>
 * </ul>
 * A refund id is unique per refund: recording it again has no further effect. Ids, instants and sizes follow the
 * rules of {@link Order} (at most 1,000 lines, at most 512 KiB encoded). An amount-only refund must be positive: a
 * refund of zero is rejected, since it would be recorded without changing any figure.
 */
public record Refund(
        String refundId,
        String orderId,
        String customerId,
        Instant at,
        List<RefundLine> lines,
        BigDecimal amount,
        boolean full,
        String country,
        Currency currency) {

    public Refund {
        Checks.id(refundId, "refundId", "");
        String ctx = Checks.in("refund", refundId);
        Checks.instant(at, "refund time", ctx);
        lines = lines == null ? List.of() : List.copyOf(lines);
        if (lines.size() > Checks.MAX_LINES) {
            throw new InvalidEventException(
                    "a refund may have at most " + Checks.MAX_LINES + " lines, got " + lines.size() + ctx);
        }
        for (RefundLine line : lines) {
            Checks.notNull(line, "refund line", ctx);
        }
        if (amount != null) {
            if (amount.signum() <= 0) {
                throw new InvalidEventException("refund amount must be positive, got " + amount.toPlainString() + ctx);
            }
            MoneyUnits.of(amount, "refund amount" + ctx);
        }
        if (orderId == null) {
            Checks.id(customerId, "customerId of a standalone refund", ctx);
            if (full) {
                throw new InvalidEventException("a full refund needs the orderId it refunds" + ctx);
            }
            if (lines.isEmpty()) {
                throw new InvalidEventException("a standalone refund needs at least one line" + ctx);
            }
            for (RefundLine line : lines) {
                if (line.amount() == null) {
                    throw new InvalidEventException("every line of a standalone refund needs an amount, product "
                            + line.productId() + " has none" + ctx);
                }
            }
            if (amount != null) {
                throw new InvalidEventException(
                        "a standalone refund's amount is the sum of its lines; do not give both" + ctx);
            }
            country = country == null || country.isBlank() ? Order.UNKNOWN_COUNTRY : Checks.id(country, "country", ctx);
        } else {
            Checks.id(orderId, "orderId", ctx);
            if (full && (!lines.isEmpty() || amount != null)) {
                throw new InvalidEventException("a full refund takes neither lines nor an amount" + ctx);
            }
            if (!full && lines.isEmpty() && amount == null) {
                throw new InvalidEventException("a partial refund needs lines or an amount" + ctx);
            }
            if (!full && !lines.isEmpty() && amount != null) {
                throw new InvalidEventException(
                        "a refund of lines is the sum of its lines; give lines or an amount, not both" + ctx);
            }
            if (customerId != null) {
                Checks.id(customerId, "customerId", ctx);
            }
            if (country != null && !country.isBlank()) {
                Checks.id(country, "country", ctx);
            }
        }
        long bytes = Sizes.refund(refundId, orderId, customerId, country, lines);
        if (bytes > Checks.MAX_EVENT_BYTES) {
            throw new InvalidEventException("a refund may encode to at most " + Checks.MAX_EVENT_BYTES
                    + " bytes (UTF-8 of its ids plus 128 per line), got " + bytes + ctx);
        }
    }

    /** Refunds everything of order {@code orderId} not refunded yet. */
    public static Refund full(String refundId, String orderId, Instant at) {
        return new Refund(refundId, orderId, null, at, List.of(), null, true, null, null);
    }

    /** Refunds the given units of order {@code orderId}. */
    public static Refund ofLines(String refundId, String orderId, Instant at, List<RefundLine> lines) {
        return new Refund(refundId, orderId, null, at, lines, null, false, null, null);
    }

    /** Refunds an amount of order {@code orderId} without returning units. */
    public static Refund ofAmount(String refundId, String orderId, Instant at, BigDecimal amount) {
        return new Refund(refundId, orderId, null, at, List.of(), amount, false, null, null);
    }

    /** A refund not linked to a recorded order; every line gives its amount. */
    public static Refund standalone(
            String refundId, String customerId, Instant at, List<RefundLine> lines, String country) {
        return new Refund(refundId, null, customerId, at, lines, null, false, country, null);
    }

    public boolean isStandalone() {
        return orderId == null;
    }
}
