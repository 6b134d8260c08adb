package io.orderlens.analytics.testing;

import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.DayCountryCounters;
import io.orderlens.analytics.spi.Scan;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Lists of stored rows for assertions, read through the store's scan primitive. */
public final class StoreReads {
    private StoreReads() {}

    /** The stored days of {@code [from, to]}, ascending. */
    public static List<DayCounters> days(AnalyticsStore store, LocalDate from, LocalDate to) {
        List<DayCounters> out = new ArrayList<>();
        store.scan(Aggregate.DAYS, Scan.dates(from, to), out::add);
        return out;
    }

    /** The stored day × country rows of {@code [from, to]}, by date then country. */
    public static List<DayCountryCounters> dayCountries(AnalyticsStore store, LocalDate from, LocalDate to) {
        List<DayCountryCounters> out = new ArrayList<>();
        store.scan(Aggregate.DAY_COUNTRIES, Scan.dates(from, to), out::add);
        return out;
    }

    /** The days' new-customer counters in {@code [from, to]}; days with none are absent. */
    public static Map<LocalDate, Long> newCustomers(AnalyticsStore store, LocalDate from, LocalDate to) {
        Map<LocalDate, Long> out = new TreeMap<>();
        for (DayCounters d : days(store, from, to)) {
            if (d.newCustomers() != 0) {
                out.put(d.date(), d.newCustomers());
            }
        }
        return out;
    }
}
