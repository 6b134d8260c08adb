package io.orderlens.analytics.spi;

/**
 * One customer in one experiment: their exposure (counted in a variation, or excluded as exposed to several) and the
 * counted orders attributed to the experiment (placed at or after the first exposure, within the attribution
 * window), with their net revenue after refunds. Results per variation are folded from these rows in core.
 *
 * @param variation label: index of the variation of the customer's exposure; null in an increment that carries no
 *     label (an attributed order), -1 for a customer exposed to several variations. Keeps the latest non-null value.
 * @param exposed 1 while the customer is counted in {@code variation}
 * @param multiple 1 once the customer was exposed to two or more variations
 * @param orders attributed counted orders (a full refund removes one)
 * @param netRevenue their value net of refunds, in {@link MoneyUnits}
 */
public record ExperimentCustomerCounters(
        String experiment,
        String customerId,
        Integer variation,
        long exposed,
        long multiple,
        long orders,
        long netRevenue)
        implements Counters {

    @Override
    public void addTo(CounterSink sink) {
        sink.add(this);
    }

    public ExperimentCustomerCounters plus(ExperimentCustomerCounters o) {
        return new ExperimentCustomerCounters(
                experiment,
                customerId,
                o.variation != null ? o.variation : variation,
                exposed + o.exposed,
                multiple + o.multiple,
                orders + o.orders,
                netRevenue + o.netRevenue);
    }

    public boolean isZero() {
        return exposed == 0 && multiple == 0 && orders == 0 && netRevenue == 0;
    }
}
