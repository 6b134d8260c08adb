package io.orderlens.examples.export;

import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.DayCountryCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.ProductCounters;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a run, taken from a snapshot of the store's aggregates ({@link Delta}), in the shape of the JSON
 * export. Counts of orders are counted orders; units and net figures are net of refunds; gross revenue is dated by
 * order day and refunds by refund day. Lists are sorted by their key, so two exports of the same data are identical.
 *
 * @param totals    the whole run
 * @param products  every product that sold or was refunded, by product id
 * @param customers every customer with a counted order or a refund, by customer id
 * @param daily     every business-zone day with activity, by date
 * @param countries every country with activity, by name
 */
public record AnalyticsExport(
        Totals totals, List<Product> products, List<Customer> customers, List<Day> daily, List<Country> countries) {

    /**
     * @param orders         counted orders
     * @param refunds        refunds recorded
     * @param grossRevenue   value of the counted orders
     * @param refundedAmount money refunded
     * @param netRevenue     gross minus refunded
     * @param customers      number of customers listed
     * @param products       number of products listed
     */
    public record Totals(long orders, long refunds, BigDecimal grossRevenue, BigDecimal refundedAmount,
            BigDecimal netRevenue, long customers, long products) {}

    public record Product(String productId, long unitsSold, BigDecimal netRevenue) {}

    public record Customer(String customerId, long orders, BigDecimal netSpent) {}

    public record Day(LocalDate date, long orders, BigDecimal grossRevenue, BigDecimal refundedAmount) {}

    public record Country(String country, long orders, BigDecimal netRevenue) {}

    public AnalyticsExport {
        products = List.copyOf(products);
        customers = List.copyOf(customers);
        daily = List.copyOf(daily);
        countries = List.copyOf(countries);
    }

    /** The export of a store snapshot ({@code store.snapshot()}); aggregates that are all zero are left out. */
    public static AnalyticsExport of(Delta snapshot) {
        Delta d = snapshot.withoutZeros();
        List<Product> products = new ArrayList<>();
        for (ProductCounters p : d.products().values()) {
            products.add(new Product(p.productId(), p.units(), money(p.revenue())));
        }
        products.sort(Comparator.comparing(Product::productId));
        List<Customer> customers = new ArrayList<>();
        for (CustomerCounters c : d.customers().values()) {
            customers.add(new Customer(c.customerId(), c.orders(), money(c.spent())));
        }
        customers.sort(Comparator.comparing(Customer::customerId));
        long orders = 0;
        long refunds = 0;
        long gross = 0;
        long refunded = 0;
        List<Day> days = new ArrayList<>();
        for (DayCounters day : d.days().values()) {
            orders += day.orders();
            refunds += day.refunds();
            gross += day.grossRevenue();
            refunded += day.refundedAmount();
            days.add(new Day(day.date(), day.orders(), money(day.grossRevenue()), money(day.refundedAmount())));
        }
        days.sort(Comparator.comparing(Day::date));
        Map<String, long[]> byCountry = new TreeMap<>();
        for (DayCountryCounters c : d.dayCountries().values()) {
            long[] a = byCountry.computeIfAbsent(c.country(), k -> new long[2]);
            a[0] += c.orders();
            a[1] += c.grossRevenue() - c.refundedAmount();
        }
        List<Country> countries = new ArrayList<>();
        byCountry.forEach((name, a) -> countries.add(new Country(name, a[0], money(a[1]))));
        Totals totals = new Totals(orders, refunds, money(gross), money(refunded), money(gross - refunded),
                customers.size(), products.size());
        return new AnalyticsExport(totals, products, customers, days, countries);
    }

    /** Writes the export as UTF-8 JSON to {@code file}, replacing it. */
    public void writeJson(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeJson(w);
        }
    }

    /** Writes the export as JSON; amounts are exact JSON numbers in plain notation. */
    public void writeJson(Writer w) {
        JsonWriter j = new JsonWriter(w, 2);
        j.beginObject();
        j.name("totals").beginObject()
                .member("orders", totals.orders())
                .member("refunds", totals.refunds())
                .member("grossRevenue", totals.grossRevenue())
                .member("refundedAmount", totals.refundedAmount())
                .member("netRevenue", totals.netRevenue())
                .member("customers", totals.customers())
                .member("products", totals.products())
                .endObject();
        j.name("products").beginArray();
        for (Product p : products) {
            j.beginObject().member("productId", p.productId()).member("unitsSold", p.unitsSold())
                    .member("netRevenue", p.netRevenue()).endObject();
        }
        j.endArray();
        j.name("customers").beginArray();
        for (Customer c : customers) {
            j.beginObject().member("customerId", c.customerId()).member("orders", c.orders())
                    .member("netSpent", c.netSpent()).endObject();
        }
        j.endArray();
        j.name("daily").beginArray();
        for (Day day : daily) {
            j.beginObject().member("date", day.date().toString()).member("orders", day.orders())
                    .member("grossRevenue", day.grossRevenue()).member("refundedAmount", day.refundedAmount())
                    .endObject();
        }
        j.endArray();
        j.name("countries").beginArray();
        for (Country c : countries) {
            j.beginObject().member("country", c.country()).member("orders", c.orders())
                    .member("netRevenue", c.netRevenue()).endObject();
        }
        j.endArray();
        j.endObject();
        j.finish();
    }

    private static BigDecimal money(long units) {
        return MoneyUnits.toAmount(units);
    }
}
