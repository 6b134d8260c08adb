package io.orderlens.analytics.internal;

import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.query.CountrySales;
import io.orderlens.analytics.query.DailyStats;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.DayCountryCounters;
import io.orderlens.analytics.spi.Scan;
import io.orderlens.analytics.spi.StatusCounts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The day-keyed parts of the query API: the zero-filled daily series and the sales by country of a date range, from
 * the stored day and day × country counters. Stateless.
 */
final class DayRows {
    private DayRows() {}

    /** The daily series of {@code [from, to]}, every day present (zero-filled): one day scan. */
    static List<DailyStats> daily(AnalyticsStore store, LocalDate from, LocalDate to) {
        Map<LocalDate, DayCounters> days = new HashMap<>();
        store.scan(Aggregate.DAYS, Scan.dates(from, to), d -> days.put(d.date(), d));
        List<DailyStats> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            DayCounters c = days.getOrDefault(d, new DayCounters(d, 0, 0, 0, 0, 0, StatusCounts.EMPTY));
            out.add(new DailyStats(
                    d,
                    c.orders(),
                    QueryService.money(c.grossRevenue()),
                    c.items(),
                    c.refunds(),
                    QueryService.money(c.refundedAmount()),
                    QueryService.money(c.grossRevenue() - c.refundedAmount()),
                    c.newCustomers(),
                    c.statuses().get(OrderStatus.CANCELED),
                    c.statuses().asMap()));
        }
        return List.copyOf(out);
    }

    /** Sales by country over {@code range}: the day × country rows summed per country, by net revenue descending. */
    static List<CountrySales> countries(AnalyticsStore store, Scan range) {
        List<DayCountryCounters> countryRows = new ArrayList<>();
        store.scan(Aggregate.DAY_COUNTRIES, range, countryRows::add);
        Map<String, DayCountryCounters> byCountry = new TreeMap<>();
        for (DayCountryCounters c : countryRows) {
            byCountry.merge(c.country(), c, DayCountryCounters::plus);
        }
        List<CountrySales> countries = new ArrayList<>();
        for (DayCountryCounters c : byCountry.values()) {
            countries.add(new CountrySales(
                    c.country(),
                    c.orders(),
                    QueryService.money(c.grossRevenue()),
                    c.refunds(),
                    QueryService.money(c.refundedAmount()),
                    QueryService.money(c.grossRevenue() - c.refundedAmount())));
        }
        countries.sort(Comparator.comparing(CountrySales::netRevenue).reversed().thenComparing(CountrySales::country));
        return countries;
    }
}
