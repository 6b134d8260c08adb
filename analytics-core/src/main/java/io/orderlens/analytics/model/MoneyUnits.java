package io.orderlens.analytics.model;

import io.orderlens.analytics.InvalidEventException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact money as a scaled {@code long}: one unit is 1/10,000 of the currency's major unit, so prices such as 0.001
 * are exact and sums commute. This is the money rule of the model: an amount with more than {@value #SCALE} decimal
 * places is rejected, never rounded. The API speaks {@link BigDecimal}; every amount in the store SPI's counters is
 * in these units. Stateless and thread-safe.
 */
public final class MoneyUnits {
    /** Decimal places kept. */
    public static final int SCALE = 4;

    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000};
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE).movePointLeft(SCALE);

    private MoneyUnits() {}

    /**
     * Converts an API amount to units.
     *
     * @throws InvalidEventException if the amount has more than 4 decimal places or does not fit
     */
    public static long of(BigDecimal amount, String what) {
        if (amount == null) {
            throw new InvalidEventException(what + " must not be null");
        }
        int scale = amount.scale();
        if (scale >= 0 && scale <= SCALE) {
            // fast path: at most 4 decimal places and units that fit a long. Moving the point to scale 0 keeps the
            // compact representation (no BigInteger is created) and computes no digit count
            BigDecimal whole = scale == 0 ? amount : amount.movePointRight(scale);
            try {
                long units = Math.multiplyExact(whole.longValueExact(), POW10[SCALE - scale]);
                if (units != Long.MIN_VALUE) {
                    return units;
                }
            } catch (ArithmeticException tooLarge) {
                // the checks below reject it with a message
            }
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > SCALE) {
            throw new InvalidEventException(
                    what + " must have at most " + SCALE + " decimal places, got " + amount.toPlainString());
        }
        if (amount.abs().compareTo(MAX) > 0) {
            throw new InvalidEventException(what + " is too large: " + amount.toPlainString());
        }
        return amount.movePointRight(SCALE)
                .setScale(0, RoundingMode.UNNECESSARY)
                .longValueExact();
    }

    /**
     * True if {@link #of} accepts {@code amount}: not null, at most {@value #SCALE} decimal places, within range.
     * Builds no message.
     */
    static boolean isExact(BigDecimal amount) {
        try {
            of(amount, "");
            return true;
        } catch (InvalidEventException e) {
            return false;
        }
    }

    /** Units back to an amount with the smallest scale that is exact (at least 2 decimal places, e.g. 1508.00). */
    public static BigDecimal toAmount(long units) {
        BigDecimal value = BigDecimal.valueOf(units, SCALE).stripTrailingZeros();
        return value.scale() < 2 ? value.setScale(2, RoundingMode.UNNECESSARY) : value;
    }

    /** quantity × unit price, in units, failing loudly on overflow. */
    public static long times(long unitPriceUnits, long quantity) {
        return Math.multiplyExact(unitPriceUnits, quantity);
    }
}
