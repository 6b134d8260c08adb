package io.orderlens.examples.report;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.calc.CustomerTier;
import io.orderlens.analytics.calc.OrderFrequency;
import io.orderlens.analytics.calc.TimeOfDay;
import io.orderlens.analytics.cohort.CohortTable;
import io.orderlens.analytics.experiment.ExperimentResults;
import io.orderlens.analytics.query.CountrySales;
import io.orderlens.analytics.query.CustomerProfile;
import io.orderlens.analytics.query.DailyStats;
import io.orderlens.analytics.query.Dashboard;
import io.orderlens.analytics.query.ProductRanking;
import io.orderlens.analytics.query.ProductStats;
import io.orderlens.analytics.segment.RfmSummary;
import io.orderlens.examples.export.AnalyticsExport;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the HTML report shows, read from the library after a run: the dashboard of the period, the days, the
 * top products, and per-customer distributions (time of day, frequency, tier) computed by the library's calculators
 * through the query API.
 *
 * @param ordersByTimeOfDay     counted orders by time of day (customer zone where known)
 * @param customersByPreferred  customers with counted orders by their preferred time of day
 * @param customersByFrequency  customers with counted orders by order frequency
 * @param customersByTier       customers with counted orders by tier
 * @param experiments           results of every experiment defined in the store, in key order
 * @param rfm                   RFM scores and segments as of the last day of the period (default scoring and grid)
 * @param cohorts               the cohort retention table to draw as a heat map; null for none
 */
public record ReportData(
        String zone,
        LocalDate from,
        LocalDate to,
        AnalyticsExport.Totals totals,
        Dashboard dashboard,
        List<DailyStats> daily,
        List<ProductStats> topProducts,
        Map<TimeOfDay, Long> ordersByTimeOfDay,
        Map<TimeOfDay, Long> customersByPreferred,
        Map<OrderFrequency, Long> customersByFrequency,
        Map<CustomerTier, Long> customersByTier,
        List<CountrySales> countries,
        List<ExperimentResults> experiments,
        RfmSummary rfm,
        CohortTable cohorts) {

    /** How many products the top-products chart shows. */
    public static final int TOP_PRODUCTS = 15;

    public ReportData {
        ordersByTimeOfDay = Map.copyOf(ordersByTimeOfDay);
        customersByPreferred = Map.copyOf(customersByPreferred);
        customersByFrequency = Map.copyOf(customersByFrequency);
        customersByTier = Map.copyOf(customersByTier);
        topProducts = List.copyOf(topProducts);
        daily = List.copyOf(daily);
        countries = List.copyOf(countries);
        experiments = List.copyOf(experiments);
    }

    /** This report with {@code table} as its cohort heat map. */
    public ReportData withCohorts(CohortTable table) {
        return new ReportData(
                zone,
                from,
                to,
                totals,
                dashboard,
                daily,
                topProducts,
                ordersByTimeOfDay,
                customersByPreferred,
                customersByFrequency,
                customersByTier,
                countries,
                experiments,
                rfm,
                table);
    }

    /**
     * Reads the report's figures.
     *
     * @param export the run's export, for the totals and the list of customers
     */
    public static ReportData collect(Analytics analytics, AnalyticsExport export, LocalDate from, LocalDate to) {
        Map<TimeOfDay, Long> ordersByTimeOfDay = new EnumMap<>(TimeOfDay.class);
        Map<TimeOfDay, Long> preferred = new EnumMap<>(TimeOfDay.class);
        Map<OrderFrequency, Long> frequency = new EnumMap<>(OrderFrequency.class);
        Map<CustomerTier, Long> tiers = new EnumMap<>(CustomerTier.class);
        for (AnalyticsExport.Customer c : export.customers()) {
            if (c.orders() <= 0) {
                continue;
            }
            Optional<CustomerProfile> p = analytics.queries().customer(c.customerId());
            p.ifPresent(profile -> {
                profile.timeOfDay().forEach((t, n) -> ordersByTimeOfDay.merge(t, n, Long::sum));
                if (profile.preferredTimeOfDay() != null) {
                    preferred.merge(profile.preferredTimeOfDay(), 1L, Long::sum);
                }
                frequency.merge(profile.frequency(), 1L, Long::sum);
                tiers.merge(profile.tier(), 1L, Long::sum);
            });
        }
        Dashboard dashboard = analytics.queries().dashboard(from, to);
        return new ReportData(
                analytics.zone().getId(),
                from,
                to,
                export.totals(),
                dashboard,
                analytics.queries().daily(from, to),
                analytics.queries().topProducts(ProductRanking.REVENUE, TOP_PRODUCTS),
                ordersByTimeOfDay,
                preferred,
                frequency,
                tiers,
                dashboard.salesByCountry(),
                analytics.experiments().all().stream()
                        .map(e -> analytics.experiments().results(e.key()))
                        .toList(),
                analytics.segments().rfm(to),
                null);
    }
}
