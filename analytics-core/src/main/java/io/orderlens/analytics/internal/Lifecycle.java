package io.orderlens.analytics.internal;

import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.model.Checks;
import io.orderlens.analytics.model.CountingPolicy;
import io.orderlens.analytics.model.EventType;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import io.orderlens.analytics.model.Sizes;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.RecordedRefund;
import io.orderlens.analytics.spi.StageTimes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The order state machine: given the stored ledger entry and an event, the next entry and what the event did.
 * Pure apart from reading the clock; thread-safe.
 *
 * <p>Defined outcomes, including out-of-order arrival:
 * <ul>
 *   <li>Forward statuses only move forward. The first report of each status keeps its time (the lifecycle
 *       funnel's stage times): a late earlier status reported for the first time records its time without moving
 *       the order back (APPLIED); a status reported again is a DUPLICATE.</li>
 *   <li>A status for an order whose body was never seen is HELD; the order counts once its body arrives if the
 *       policy is met by then.</li>
 *   <li>CANCELED is terminal. A cancel after counting subtracts exactly what was added (refunds included); any later
 *       status, PAID or refund is IGNORED.</li>
 *   <li>A refund of an order that does not count yet is HELD and takes effect, with the order, when it counts.</li>
 *   <li>The same refund id again with the same content is a DUPLICATE; with other content it is rejected.</li>
 *   <li>The same order id again with a different body is rejected.</li>
 *   <li>A refund of an order whose items were never recorded is rejected (it cannot be checked).</li>
 *   <li>A refund that would grow the order's ledger entry beyond {@link Sizes#MAX_ENTRY_BYTES} is rejected.</li>
 * </ul>
 */
public final class Lifecycle {
    private final CountingPolicy policy;
    private final ZoneId businessZone;
    private final Currency currency;
    private final Clock clock;

    /**
     * @param currency the only currency accepted, or null to accept any (each order still has one)
     */
    public Lifecycle(CountingPolicy policy, ZoneId businessZone, Currency currency, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.businessZone = Objects.requireNonNull(businessZone, "businessZone");
        this.currency = currency;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The next ledger entry ({@code before} itself when nothing changes) and the event's outcome. */
    public record Step(LedgerEntry after, RecordOutcome outcome) {}

    /**
     * @param before the stored entry for {@code event.ledgerKey()}, or null
     * @throws InvalidEventException if the event cannot be applied to this order; nothing is changed
     */
    public Step next(LedgerEntry before, OrderEvent event) {
        if (event.refund() != null && event.refund().isStandalone()) {
            return standaloneRefund(before, event.refund());
        }
        // the stored entry is the one at the event's ledger key: its key string is reused, not built again
        String key = before != null ? before.key() : event.ledgerKey();
        Order body = before == null ? null : before.order();
        OrderStatus furthest = before == null ? null : before.furthest();
        boolean paid = before != null && before.paid();
        boolean canceled = before != null && before.canceled();
        List<RecordedRefund> refunds = before == null ? List.of() : before.refunds();
        java.time.LocalDate orderDay = before == null ? null : before.orderDay();
        int orderHour = before == null ? 0 : before.orderHour();
        StageTimes stages = before == null ? StageTimes.NONE : before.stages();

        if (event.order() != null) {
            Order incoming = event.order();
            checkCurrency(incoming.currency(), "order ", incoming.orderId());
            if (body == null) {
                body = incoming;
                java.time.ZonedDateTime placed = incoming.placedAt().atZone(businessZone);
                orderDay = placed.toLocalDate();
                ZoneId local = incoming.customer().zone();
                orderHour = local == null || local.equals(businessZone)
                        ? placed.getHour()
                        : incoming.placedAt().atZone(local).getHour();
                furthest = max(furthest, OrderStatus.PLACED);
            } else if (!body.equals(incoming)) {
                throw new InvalidEventException("order " + incoming.orderId()
                        + " was already recorded with different content; an order's body cannot change");
            }
        }
        if (canceled && event.type() != EventType.CANCELED && (before.order() != null || event.order() == null)) {
            return new Step(before, RecordOutcome.IGNORED);
        }
        switch (event.type()) {
            case PLACED, ACCEPTED, ASSIGNED, OUT_FOR_DELIVERY, DELIVERED -> {
                furthest = max(furthest, event.type().forwardStatus());
                stages = stages.withFirst(event.type().forwardStatus(), event.at());
            }
            case PAID -> paid = true;
            case CANCELED -> {
                canceled = true;
                stages = stages.withFirst(OrderStatus.CANCELED, event.at());
            }
            case REFUNDED -> {
                Refund refund = event.refund();
                if (body == null) {
                    throw new InvalidEventException("refund " + refund.refundId() + " is for order " + event.orderId()
                            + " whose items were never recorded; record the order first");
                }
                RecordedRefund existing = find(refunds, refund.refundId());
                RecordedRefund resolved = resolve(body, refunds, existing, refund);
                if (existing != null) {
                    if (existing.equals(resolved)) {
                        return new Step(before, RecordOutcome.DUPLICATE);
                    }
                    throw new InvalidEventException("refund " + refund.refundId() + " of order " + body.orderId()
                            + " was already recorded with different content");
                }
                List<RecordedRefund> more = new ArrayList<>(refunds);
                more.add(resolved);
                refunds = more;
            }
        }
        boolean counted = body != null && !canceled && policyMet(furthest, paid);
        boolean everCounted = counted || (before != null && before.everCounted());
        long version = before == null ? 1 : before.version() + 1;
        LedgerEntry after = new LedgerEntry(
                key,
                version,
                event.orderId(),
                body,
                orderDay,
                orderHour,
                furthest,
                paid,
                canceled,
                counted,
                everCounted,
                refunds,
                clock.instant(),
                before == null ? List.of() : before.linkedKeys(),
                null,
                null,
                null,
                stages);
        if (before != null && sameState(before, after)) {
            return new Step(before, RecordOutcome.DUPLICATE);
        }
        if (event.type() == EventType.REFUNDED && Sizes.of(after) > Sizes.MAX_ENTRY_BYTES) {
            throw new InvalidEventException("refund "
                    + Checks.quote(event.refund().refundId()) + " would grow the "
                    + "ledger entry of order " + Checks.quote(event.orderId()) + " beyond " + Sizes.MAX_ENTRY_BYTES
                    + " bytes with " + after.refunds().size() + " refunds; nothing was written");
        }
        boolean held = body == null || (event.type() == EventType.REFUNDED && !counted);
        return new Step(after, held ? RecordOutcome.HELD : RecordOutcome.APPLIED);
    }

    private boolean policyMet(OrderStatus furthest, boolean paid) {
        return switch (policy) {
            case AT_PLACED -> true;
            case AT_PAID -> paid;
            case AT_DELIVERED -> furthest == OrderStatus.DELIVERED;
        };
    }

    private Step standaloneRefund(LedgerEntry before, Refund refund) {
        checkCurrency(refund.currency(), "refund ", refund.refundId());
        List<RecordedRefund.Line> lines = new ArrayList<>();
        long total = 0;
        for (RefundLine line : refund.lines()) {
            long amount = MoneyUnits.of(line.amount(), "refund amount");
            lines.add(new RecordedRefund.Line(line.productId(), line.category(), line.quantity(), amount));
            total = Math.addExact(total, amount);
        }
        RecordedRefund recorded = new RecordedRefund(
                refund.refundId(),
                refund.at(),
                day(refund.at()),
                total,
                false,
                refund.customerId(),
                refund.country(),
                lines);
        if (before != null) {
            if (before.refunds().size() == 1 && before.refunds().get(0).equals(recorded)) {
                return new Step(before, RecordOutcome.DUPLICATE);
            }
            throw new InvalidEventException(
                    "refund " + refund.refundId() + " was already recorded with different content");
        }
        LedgerEntry after = new LedgerEntry(
                "r:" + refund.refundId(),
                1,
                null,
                null,
                null,
                0,
                null,
                false,
                false,
                false,
                false,
                List.of(recorded),
                clock.instant());
        return new Step(after, RecordOutcome.APPLIED);
    }

    /**
     * Resolves a refund against what of the order remains unrefunded (excluding {@code existing}, the same refund
     * recorded earlier, so that a duplicate resolves identically).
     */
    private RecordedRefund resolve(Order order, List<RecordedRefund> refunds, RecordedRefund existing, Refund r) {
        checkCurrency(r.currency(), "refund ", r.refundId());
        String ctx = " in refund " + r.refundId() + " of order " + order.orderId();
        Map<String, long[]> remaining = new LinkedHashMap<>(); // productId -> {qty, amount, unitPrice, }
        Map<String, String> categories = new LinkedHashMap<>();
        long total = 0;
        for (LineItem line : order.lines()) {
            long price = MoneyUnits.of(line.unitPrice(), "unitPrice");
            long amount = MoneyUnits.times(price, line.quantity());
            long[] rem = remaining.computeIfAbsent(line.productId(), k -> new long[] {0, 0, price});
            rem[0] += line.quantity();
            rem[1] += amount;
            categories.putIfAbsent(line.productId(), line.category());
            total += amount;
        }
        long refunded = 0;
        for (RecordedRefund prior : refunds) {
            if (prior == existing) {
                break; // a re-recorded refund resolves against the state it was first recorded in
            }
            if (prior.full()) {
                throw new InvalidEventException("order " + order.orderId() + " was already fully refunded by refund "
                        + prior.refundId() + "; nothing remains" + ctx);
            }
            refunded += prior.amount();
            for (RecordedRefund.Line l : prior.lines()) {
                long[] rem = remaining.get(l.productId());
                rem[0] -= l.quantity();
                rem[1] -= l.amount();
            }
        }
        long left = total - refunded;
        List<RecordedRefund.Line> lines = new ArrayList<>();
        long amount;
        if (r.full()) {
            remaining.forEach((productId, rem) -> {
                if (rem[0] > 0 || rem[1] > 0) {
                    lines.add(new RecordedRefund.Line(productId, categories.get(productId), rem[0], rem[1]));
                }
            });
            amount = left;
        } else if (r.lines().isEmpty()) {
            amount = MoneyUnits.of(r.amount(), "refund amount");
            if (amount > left) {
                throw new InvalidEventException(
                        "refund amount " + r.amount().toPlainString() + " exceeds what remains of the order, "
                                + MoneyUnits.toAmount(left).toPlainString() + ctx);
            }
        } else {
            Map<String, long[]> asked = new LinkedHashMap<>();
            for (RefundLine line : r.lines()) {
                long[] rem = remaining.get(line.productId());
                if (rem == null) {
                    throw new InvalidEventException(
                            "product " + line.productId() + " is not part of order " + order.orderId() + ctx);
                }
                long lineAmount = line.amount() != null
                        ? MoneyUnits.of(line.amount(), "refund amount")
                        : MoneyUnits.times(rem[2], line.quantity());
                long[] a = asked.computeIfAbsent(line.productId(), k -> new long[2]);
                a[0] += line.quantity();
                a[1] += lineAmount;
            }
            long sum = 0;
            for (Map.Entry<String, long[]> e : asked.entrySet()) {
                long[] rem = remaining.get(e.getKey());
                long[] a = e.getValue();
                if (a[0] > rem[0]) {
                    throw new InvalidEventException("refund of " + a[0] + " × " + e.getKey() + " exceeds the "
                            + Math.max(0, rem[0]) + " not yet refunded" + ctx);
                }
                if (a[1] > rem[1]) {
                    throw new InvalidEventException(
                            "refund of " + MoneyUnits.toAmount(a[1]).toPlainString()
                                    + " for " + e.getKey() + " exceeds the "
                                    + MoneyUnits.toAmount(rem[1]).toPlainString()
                                    + " not yet refunded" + ctx);
                }
                lines.add(new RecordedRefund.Line(e.getKey(), categories.get(e.getKey()), a[0], a[1]));
                sum += a[1];
            }
            amount = sum;
            if (amount > left) {
                throw new InvalidEventException("refund amount "
                        + MoneyUnits.toAmount(amount).toPlainString() + " exceeds what remains of the order, "
                        + MoneyUnits.toAmount(left).toPlainString() + ctx);
            }
        }
        return new RecordedRefund(
                r.refundId(), r.at(), day(r.at()), amount, r.full(), order.customerId(), order.country(), lines);
    }

    private java.time.LocalDate day(Instant at) {
        return at.atZone(businessZone).toLocalDate();
    }

    /** Refuses an amount in another currency than the instance's; {@code kind + id} names it in the message. */
    private void checkCurrency(Currency given, String kind, String id) {
        if (currency != null && given != null && !currency.equals(given)) {
            throw new InvalidEventException("mixed currencies: " + kind + id + " is in " + given.getCurrencyCode()
                    + " but this analytics instance aggregates " + currency.getCurrencyCode());
        }
    }

    private static RecordedRefund find(List<RecordedRefund> refunds, String refundId) {
        for (RecordedRefund r : refunds) {
            if (r.refundId().equals(refundId)) {
                return r;
            }
        }
        return null;
    }

    private static OrderStatus max(OrderStatus a, OrderStatus b) {
        return a == null ? b : b == null ? a : a.ordinal() >= b.ordinal() ? a : b;
    }

    private static boolean sameState(LedgerEntry a, LedgerEntry b) {
        return Objects.equals(a.order(), b.order())
                && a.furthest() == b.furthest()
                && a.paid() == b.paid()
                && a.canceled() == b.canceled()
                && a.counted() == b.counted()
                && a.everCounted() == b.everCounted()
                && a.refunds().equals(b.refunds())
                && a.stages().equals(b.stages());
    }
}
