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
        // the checks build no message unless one fails: this runs for every refund recorded
        Checks.id(refundId, "refundId", "");
        if (!Checks.inRange(at)) {
            Checks.instant(at, "refund time", ctx(refundId));
        }
        lines = lines == null ? List.of() : List.copyOf(lines);
        if (lines.size() > Checks.MAX_LINES) {
            throw new InvalidEventException(
                    "a refund may have at most " + Checks.MAX_LINES + " lines, got " + lines.size() + ctx(refundId));
        }
        for (RefundLine line : lines) {
            if (line == null) {
                Checks.notNull(line, "refund line", ctx(refundId));
            }
        }
        if (amount != null) {
            if (amount.signum() <= 0) {
                throw new InvalidEventException(
                        "refund amount must be positive, got " + amount.toPlainString() + ctx(refundId));
            }
            if (!MoneyUnits.isExact(amount)) {
                MoneyUnits.of(amount, "refund amount" + ctx(refundId));
            }
        }
        if (orderId == null) {
            if (Checks.idProblem(customerId, Checks.MAX_ID_LENGTH) != null) {
                Checks.id(customerId, "customerId of a standalone refund", ctx(refundId));
            }
            if (full) {
                throw new InvalidEventException("a full refund needs the orderId it refunds" + ctx(refundId));
            }
            if (lines.isEmpty()) {
                throw new InvalidEventException("a standalone refund needs at least one line" + ctx(refundId));
            }
            for (RefundLine line : lines) {
                if (line.amount() == null) {
                    throw new InvalidEventException("every line of a standalone refund needs an amount, product "
                            + line.productId() + " has none" + ctx(refundId));
                }
            }
            if (amount != null) {
                throw new InvalidEventException(
                        "a standalone refund's amount is the sum of its lines; do not give both" + ctx(refundId));
            }
            if (country == null || country.isBlank()) {
                country = Order.UNKNOWN_COUNTRY;
            } else if (Checks.idProblem(country, Checks.MAX_ID_LENGTH) != null) {
                Checks.id(country, "country", ctx(refundId));
            }
        } else {
            if (Checks.idProblem(orderId, Checks.MAX_ID_LENGTH) != null) {
                Checks.id(orderId, "orderId", ctx(refundId));
            }
            if (full && (!lines.isEmpty() || amount != null)) {
                throw new InvalidEventException("a full refund takes neither lines nor an amount" + ctx(refundId));
            }
            if (!full && lines.isEmpty() && amount == null) {
                throw new InvalidEventException("a partial refund needs lines or an amount" + ctx(refundId));
            }
            if (!full && !lines.isEmpty() && amount != null) {
                throw new InvalidEventException(
                        "a refund of lines is the sum of its lines; give lines or an amount, not both" + ctx(refundId));
            }
            if (customerId != null && Checks.idProblem(customerId, Checks.MAX_ID_LENGTH) != null) {
                Checks.id(customerId, "customerId", ctx(refundId));
            }
            if (country != null && !country.isBlank() && Checks.idProblem(country, Checks.MAX_ID_LENGTH) != null) {
                Checks.id(country, "country", ctx(refundId));
            }
        }
        long bytes = Sizes.refund(refundId, orderId, customerId, country, lines);
        if (bytes > Checks.MAX_EVENT_BYTES) {
            throw new InvalidEventException("a refund may encode to at most " + Checks.MAX_EVENT_BYTES
                    + " bytes (UTF-8 of its ids plus 128 per line), got " + bytes + ctx(refundId));
        }
    }

    private static String ctx(String refundId) {
        return Checks.in("refund", refundId);
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
