package io.orderlens.analytics.spi;

import java.math.BigInteger;

/**
 * The totals of one variation of one experiment over its exposed customers, kept from the changes of the customers'
 * exposure entries so that results read one row per variation. The row of {@link #MULTIPLE} counts the customers
 * excluded for being exposed to several variations.
 *
 * @param variation          index of the variation, or {@link #MULTIPLE}
 * @param exposed            customers counted in the variation
 * @param multiple           customers exposed to several variations (only in the {@link #MULTIPLE} row)
 * @param converted          customers with at least one attributed counted order
 * @param orders             their attributed counted orders (a full refund removes one)
 * @param netRevenue         those orders' value net of refunds, in {@link io.orderlens.analytics.model.MoneyUnits}
 * @param netRevenueSquares  the sum over the customers of the square of each one's net revenue, in units of
 *                           MoneyUnits squared (10^-8); exact at any size
 */
public record ExperimentVariationCounters(
        String experiment,
        int variation,
        long exposed,
        long multiple,
        long converted,
        long orders,
        long netRevenue,
        BigInteger netRevenueSquares)
        implements Counters {

    /** The variation index of the row counting customers exposed to several variations. */
    public static final int MULTIPLE = -1;

    public ExperimentVariationCounters {
        if (experiment == null) {
            throw new IllegalArgumentException("an experiment variation row needs its experiment");
        }
        if (variation < MULTIPLE) {
            throw new IllegalArgumentException("variation must be an index or -1, got " + variation);
        }
        netRevenueSquares = netRevenueSquares == null ? BigInteger.ZERO : netRevenueSquares;
    }

    @Override
    public void addTo(CounterSink sink) {
        sink.add(this);
    }

    public ExperimentVariationCounters plus(ExperimentVariationCounters o) {
        return new ExperimentVariationCounters(
                experiment,
                variation,
                exposed + o.exposed,
                multiple + o.multiple,
                converted + o.converted,
                orders + o.orders,
                netRevenue + o.netRevenue,
                netRevenueSquares.add(o.netRevenueSquares));
    }

    public boolean isZero() {
        return exposed == 0
                && multiple == 0
                && converted == 0
                && orders == 0
                && netRevenue == 0
                && netRevenueSquares.signum() == 0;
    }
}
