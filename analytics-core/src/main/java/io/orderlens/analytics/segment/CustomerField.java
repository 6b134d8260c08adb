package io.orderlens.analytics.segment;

import io.orderlens.analytics.calc.CustomerTier;
import io.orderlens.analytics.calc.OrderFrequency;
import io.orderlens.analytics.calc.TimeOfDay;
import io.orderlens.analytics.model.Checks;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A customer field a {@link Rule} can test, with the values it takes (as strings, so rules are plain JSON). Counts,
 * money and dates are net of refunds and reversals, as in the customer profile; dates are business-zone days; "days
 * since" and the RFM fields are as of the query's as-of day.
 */
public enum CustomerField {
    /** Counted orders; a whole number. */
    ORDERS(Kind.NUMBER),
    /** Net spend; a decimal amount with at most 4 decimals. */
    NET_SPEND(Kind.MONEY),
    /** Net spend / orders, 2 decimals half-up (as in the profile); a decimal amount. */
    AVERAGE_ORDER_VALUE(Kind.MONEY),
    /** Units bought, net of refunds; a whole number. */
    ITEMS(Kind.NUMBER),
    /** Day of the first counted order; an ISO date ({@code 2011-12-09}). */
    FIRST_ORDER_DATE(Kind.DATE),
    /** Day of the latest counted order; an ISO date. */
    LAST_ORDER_DATE(Kind.DATE),
    /** Calendar days from the first order's day to the as-of day; a whole number. */
    DAYS_SINCE_FIRST_ORDER(Kind.NUMBER),
    /** Calendar days from the latest order's day to the as-of day (the RFM recency); a whole number. */
    DAYS_SINCE_LAST_ORDER(Kind.NUMBER),
    /** The frequency class at the end of the as-of day; {@code OCCASIONAL}, {@code REGULAR}, {@code FREQUENT}. */
    FREQUENCY(Kind.FREQUENCY),
    /** The customer tier from net spend; {@code BRONZE} … {@code PLATINUM}. */
    TIER(Kind.TIER),
    /** The most frequent time-of-day class; {@code MORNING} … {@code NIGHT}. */
    PREFERRED_TIME_OF_DAY(Kind.TIME_OF_DAY),
    /** A product id the customer bought in a counted order (EQ, NE, IN). */
    PRODUCT(Kind.ITEM),
    /** A category the customer bought from in a counted order (EQ, NE, IN). */
    CATEGORY(Kind.ITEM),
    /** RFM recency score; 1..5. */
    RFM_RECENCY(Kind.SCORE),
    /** RFM frequency score; 1..5. */
    RFM_FREQUENCY(Kind.SCORE),
    /** RFM monetary score; 1..5. */
    RFM_MONETARY(Kind.SCORE),
    /** RFM segment name of the grid in use (EQ, NE, IN). */
    RFM_SEGMENT(Kind.NAME),
    /**
     * Predicted lifetime value over the CLV horizon (BG/NBD + Gamma-Gamma, {@code Analytics.lifetimeValue()}); a
     * decimal amount. A customer has none while the model as of the day is not usable.
     */
    PREDICTED_CLV(Kind.MONEY),
    /**
     * Probability that the customer is still active (BG/NBD), compared at 9 decimals; a decimal in 0..1. None while
     * the model is not usable.
     */
    PROBABILITY_ALIVE(Kind.PROBABILITY);

    private enum Kind {
        NUMBER,
        MONEY,
        DATE,
        SCORE,
        PROBABILITY,
        FREQUENCY,
        TIER,
        TIME_OF_DAY,
        ITEM,
        NAME
    }

    private static final Set<Operator> ORDERED = EnumSet.of(
            Operator.EQ,
            Operator.NE,
            Operator.LT,
            Operator.LE,
            Operator.GT,
            Operator.GE,
            Operator.BETWEEN,
            Operator.IN);
    private static final Set<Operator> DATED = EnumSet.of(
            Operator.EQ,
            Operator.NE,
            Operator.LT,
            Operator.LE,
            Operator.GT,
            Operator.GE,
            Operator.BETWEEN,
            Operator.IN,
            Operator.WITHIN_LAST_DAYS,
            Operator.BEFORE,
            Operator.AFTER);
    private static final Set<Operator> EQUALITY = EnumSet.of(Operator.EQ, Operator.NE, Operator.IN);

    private final Kind kind;

    CustomerField(Kind kind) {
        this.kind = kind;
    }

    /** The operators this field takes. */
    public Set<Operator> operators() {
        return switch (kind) {
            case NUMBER, MONEY, SCORE, PROBABILITY -> ORDERED;
            case DATE -> DATED;
            default -> EQUALITY;
        };
    }

    /** Whether values of this field are ordered (LT, BETWEEN … apply). */
    public boolean ordered() {
        return kind == Kind.NUMBER
                || kind == Kind.MONEY
                || kind == Kind.SCORE
                || kind == Kind.PROBABILITY
                || kind == Kind.DATE;
    }

    /**
     * Parses one value of a condition on this field with operator {@code op}: a {@code Long} for whole numbers and
     * scores (and the N of {@link Operator#WITHIN_LAST_DAYS}), a {@code BigDecimal} for money and probabilities (at
     * most 9 decimals, in 0..1), a {@code LocalDate}
     * for dates, the enum constant for FREQUENCY, TIER and PREFERRED_TIME_OF_DAY, the string itself for ids and
     * segment names.
     *
     * @throws InvalidRuleException naming the field and the value if it is not one this field takes
     */
    public Object parse(Operator op, String value) {
        if (value == null) {
            throw new InvalidRuleException("a value of field " + this + " must not be null");
        }
        if (op == Operator.WITHIN_LAST_DAYS) {
            long days = whole(value);
            if (days < 1 || days > 100_000) {
                throw bad(value, "a number of days in 1..100000");
            }
            return days;
        }
        return switch (kind) {
            case NUMBER -> whole(value);
            case SCORE -> {
                long s = whole(value);
                if (s < 1 || s > 5) {
                    throw bad(value, "a score in 1..5");
                }
                yield s;
            }
            case MONEY -> money(value);
            case PROBABILITY -> probability(value);
            case DATE -> date(value);
            case FREQUENCY -> constant(OrderFrequency.class, value);
            case TIER -> constant(CustomerTier.class, value);
            case TIME_OF_DAY -> constant(TimeOfDay.class, value);
            case ITEM -> {
                String problem = Checks.idProblem(value, Checks.MAX_ID_LENGTH);
                if (problem != null) {
                    throw new InvalidRuleException("value of field " + this + problem);
                }
                yield value;
            }
            case NAME -> {
                if (value.isBlank()) {
                    throw bad(value, "a segment name");
                }
                yield value;
            }
        };
    }

    private long whole(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw bad(value, "a whole number");
        }
    }

    private BigDecimal money(String value) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw bad(value, "a decimal amount such as 12.50");
        }
        if (amount.stripTrailingZeros().scale() > 4 || amount.abs().compareTo(new BigDecimal("1e14")) >= 0) {
            throw bad(value, "an amount with at most 4 decimals and below 10^14");
        }
        return amount;
    }

    private BigDecimal probability(String value) {
        BigDecimal p;
        try {
            p = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw bad(value, "a probability such as 0.75");
        }
        if (p.signum() < 0
                || p.compareTo(BigDecimal.ONE) > 0
                || p.stripTrailingZeros().scale() > 9) {
            throw bad(value, "a probability in 0..1 with at most 9 decimals");
        }
        return p;
    }

    private LocalDate date(String value) {
        LocalDate d;
        try {
            d = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw bad(value, "an ISO date such as 2011-12-09");
        }
        if (d.isBefore(Checks.MIN_DATE) || d.isAfter(Checks.MAX_DATE)) {
            throw bad(value, "a date in " + Checks.MIN_DATE + ".." + Checks.MAX_DATE);
        }
        return d;
    }

    private <E extends Enum<E>> E constant(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(value, "one of " + EnumSet.allOf(type));
        }
    }

    private InvalidRuleException bad(String value, String expected) {
        return new InvalidRuleException(
                "value '" + value + "' of field " + this + " is not valid: expected " + expected);
    }
}
