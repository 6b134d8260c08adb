package io.orderlens.analytics.internal;

import io.orderlens.analytics.calc.TimeOfDay;
import io.orderlens.analytics.clv.CustomerValue;
import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.segment.CustomerField;
import io.orderlens.analytics.segment.RfmGrid;
import io.orderlens.analytics.spi.CustomerCounters;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * The fields a rule tests, for one customer at a time as of one day: moved from customer to customer by
 * {@link #at}, derived fields computed on first use. Not thread-safe: one per evaluation.
 */
final class CustomerFacts {
    /** P(alive) is compared in units of 10^-9. */
    static final int PROBABILITY_DECIMALS = 9;

    final long asOfDay;
    private final ZoneId zone;
    private final Calculators calc;
    /** The start of the day after the as-of day: the "now" of the frequency class. */
    private final Instant endOfAsOf;

    private final RfmTable rfm;
    private final RfmGrid grid;
    private final Map<String, Set<String>> productBuyers;
    private final Map<String, Set<String>> categoryBuyers;
    private final Map<String, CustomerValue.Prediction> predictions;

    private CustomerCounters c;
    private int index;
    private long firstDay;
    private long lastDay;

    CustomerFacts(
            LocalDate asOf,
            ZoneId zone,
            Calculators calc,
            RfmTable rfm,
            RfmGrid grid,
            Map<String, Set<String>> productBuyers,
            Map<String, Set<String>> categoryBuyers,
            Map<String, CustomerValue.Prediction> predictions) {
        this.asOfDay = asOf.toEpochDay();
        this.zone = zone;
        this.calc = calc;
        this.endOfAsOf = asOf.plusDays(1).atStartOfDay(zone).toInstant();
        this.rfm = rfm;
        this.grid = grid;
        this.productBuyers = productBuyers;
        this.categoryBuyers = categoryBuyers;
        this.predictions = predictions;
    }

    /** Moves to {@code row} (a customer with a counted order) at index {@code rfmIndex} of the RFM table, or -1. */
    CustomerFacts at(CustomerCounters row, int rfmIndex) {
        this.c = row;
        this.index = rfmIndex;
        this.firstDay = day(row.firstOrderAt(), zone);
        this.lastDay = day(row.lastOrderAt(), zone);
        return this;
    }

    CustomerCounters counters() {
        return c;
    }

    long lastDay() {
        return lastDay;
    }

    /** Business-zone epoch day of {@code at}, or {@link Long#MIN_VALUE} if null. */
    static long day(Instant at, ZoneId zone) {
        return at == null ? Long.MIN_VALUE : LocalDate.ofInstant(at, zone).toEpochDay();
    }

    /** Whether the customer has a value of an ordered field. */
    boolean has(CustomerField field) {
        return switch (field) {
            case FIRST_ORDER_DATE, DAYS_SINCE_FIRST_ORDER -> firstDay != Long.MIN_VALUE;
            case LAST_ORDER_DATE, DAYS_SINCE_LAST_ORDER -> lastDay != Long.MIN_VALUE;
            case RFM_RECENCY, RFM_FREQUENCY, RFM_MONETARY -> index >= 0;
            case PREDICTED_CLV, PROBABILITY_ALIVE -> prediction() != null;
            default -> true;
        };
    }

    /** The value of an ordered field: a count, money units, an epoch day or a score. */
    long number(CustomerField field) {
        return switch (field) {
            case ORDERS -> c.orders();
            case NET_SPEND -> c.spent();
            case AVERAGE_ORDER_VALUE ->
                QueryService.average(c.spent(), c.orders()).movePointRight(4).longValueExact();
            case ITEMS -> c.items();
            case FIRST_ORDER_DATE -> firstDay;
            case LAST_ORDER_DATE -> lastDay;
            case DAYS_SINCE_FIRST_ORDER -> asOfDay - firstDay;
            case DAYS_SINCE_LAST_ORDER -> asOfDay - lastDay;
            case RFM_RECENCY -> rfm.recency[index];
            case RFM_FREQUENCY -> rfm.frequency[index];
            case RFM_MONETARY -> rfm.monetary[index];
            case PREDICTED_CLV -> MoneyUnits.of(prediction().value(), "predicted CLV");
            case PROBABILITY_ALIVE -> Math.round(prediction().probabilityAlive() * 1e9);
            default -> throw new IllegalArgumentException(field + " is not an ordered field");
        };
    }

    /** The value of a labelled field (an enum constant or a segment name), or null if the customer has none. */
    Object label(CustomerField field) {
        return switch (field) {
            case FREQUENCY -> calc.frequency(Math.max(0, c.orders()), age());
            case TIER -> calc.tier(QueryService.money(c.spent()));
            case PREFERRED_TIME_OF_DAY -> preferredTimeOfDay(calc, c);
            case RFM_SEGMENT ->
                index < 0 ? null : grid.segmentOf(rfm.recency[index], rfm.frequency[index], rfm.monetary[index]);
            default -> throw new IllegalArgumentException(field + " is not a labelled field");
        };
    }

    /** The customer's CLV prediction, or null if there is none (model not usable, or not loaded). */
    CustomerValue.Prediction prediction() {
        return predictions.get(c.customerId());
    }

    /** Whether the customer bought {@code item} (a product or a category) in a counted order. */
    boolean bought(CustomerField field, String item) {
        Map<String, Set<String>> buyers = field == CustomerField.PRODUCT ? productBuyers : categoryBuyers;
        Set<String> who = buyers.get(item);
        return who != null && who.contains(c.customerId());
    }

    private Duration age() {
        Instant since = c.accountCreatedAt() != null ? c.accountCreatedAt() : c.firstOrderAt();
        return since == null || since.isAfter(endOfAsOf) ? Duration.ZERO : Duration.between(since, endOfAsOf);
    }

    /** The most frequent time-of-day class (ties: the earlier class), or null without orders in the histogram. */
    static TimeOfDay preferredTimeOfDay(Calculators calc, CustomerCounters c) {
        long[] perClass = new long[TimeOfDay.values().length];
        for (int h = 0; h < 24; h++) {
            long n = c.hours().get(h);
            if (n != 0) {
                perClass[calc.timeOfDay(h).ordinal()] += n;
            }
        }
        TimeOfDay preferred = null;
        long best = 0;
        for (TimeOfDay t : TimeOfDay.values()) {
            if (perClass[t.ordinal()] > best) {
                best = perClass[t.ordinal()];
                preferred = t;
            }
        }
        return preferred;
    }
}
