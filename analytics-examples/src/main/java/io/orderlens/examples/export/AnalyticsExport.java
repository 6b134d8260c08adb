package io.orderlens.examples.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.orderlens.analytics.cohort.Cohort;
import io.orderlens.analytics.cohort.CohortCell;
import io.orderlens.analytics.cohort.CohortPeriod;
import io.orderlens.analytics.cohort.CohortTable;
import io.orderlens.analytics.query.AnalyticsQueries;
import io.orderlens.analytics.query.CountrySales;
import io.orderlens.analytics.query.CustomerProfile;
import io.orderlens.analytics.query.DailyStats;
import io.orderlens.analytics.query.ProductStats;
import io.orderlens.analytics.segment.RfmScore;
import io.orderlens.analytics.segment.Segments;
import io.orderlens.examples.feed.FedKeys;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The figures of a run in the shape of the JSON export, read through the public query API. Counts of orders are
 * counted orders; units and net figures are net of refunds; gross revenue is dated by order day and refunds by refund
 * day. Lists are sorted by their key, so two exports of the same data are identical.
 *
 * @param totals    the whole run
 * @param products  every product that sold or was refunded, by product id
 * @param customers every customer with a counted order or a refund, by customer id
 * @param daily     every business-zone day with activity, by date
 * @param countries every country with activity, by name
 * @param cohorts   the monthly acquisition cohorts of the run, oldest first (empty if not asked for)
 * @param rfm       every customer's RFM scores as of a day, by customer id; left out of the JSON when null
 */
@JsonPropertyOrder({"totals", "products", "customers", "daily", "countries", "cohorts", "rfm"})
public record AnalyticsExport(
        Totals totals,
        List<Product> products,
        List<Customer> customers,
        List<Day> daily,
        List<Country> countries,
        List<CohortRow> cohorts,
        @JsonInclude(JsonInclude.Include.NON_NULL) Rfm rfm) {

    /**
     * @param orders         counted orders
     * @param refunds        refunds recorded
     * @param grossRevenue   value of the counted orders
     * @param refundedAmount money refunded
     * @param netRevenue     gross minus refunded
     * @param customers      number of customers listed
     * @param products       number of products listed
     */
    @JsonPropertyOrder({"orders", "refunds", "grossRevenue", "refundedAmount", "netRevenue", "customers", "products"})
    public record Totals(
            long orders,
            long refunds,
            BigDecimal grossRevenue,
            BigDecimal refundedAmount,
            BigDecimal netRevenue,
            long customers,
            long products) {}

    @JsonPropertyOrder({"productId", "unitsSold", "netRevenue"})
    public record Product(String productId, long unitsSold, BigDecimal netRevenue) {}

    @JsonPropertyOrder({"customerId", "orders", "netSpent"})
    public record Customer(String customerId, long orders, BigDecimal netSpent) {}

    @JsonPropertyOrder({"date", "orders", "grossRevenue", "refundedAmount"})
    public record Day(LocalDate date, long orders, BigDecimal grossRevenue, BigDecimal refundedAmount) {}

    @JsonPropertyOrder({"country", "orders", "netRevenue"})
    public record Country(String country, long orders, BigDecimal netRevenue) {}

    /**
     * One acquisition cohort of the cohort matrix; the lists hold one entry per month since the cohort's first
     * (offset 0, 1, …), up to the latest month with a counted order.
     *
     * @param cohort               the month, {@code yyyy-MM}
     * @param size                 customers whose first counted order was in that month
     * @param active               customers of the cohort with a counted order in each month
     * @param retention            {@code active / size} per month, to 4 decimals
     * @param netRevenue           the cohort's net revenue per month
     * @param cumulativeNetRevenue its running sum
     */
    @JsonPropertyOrder({"cohort", "size", "active", "retention", "netRevenue", "cumulativeNetRevenue"})
    public record CohortRow(
            String cohort,
            long size,
            List<Long> active,
            List<BigDecimal> retention,
            List<BigDecimal> netRevenue,
            List<BigDecimal> cumulativeNetRevenue) {
        public CohortRow {
            active = List.copyOf(active);
            retention = List.copyOf(retention);
            netRevenue = List.copyOf(netRevenue);
            cumulativeNetRevenue = List.copyOf(cumulativeNetRevenue);
        }

        static CohortRow of(Cohort c) {
            return new CohortRow(
                    c.label(),
                    c.size(),
                    c.cells().stream().map(CohortCell::activeCustomers).toList(),
                    c.cells().stream().map(CohortCell::retention).toList(),
                    c.cells().stream().map(x -> amount(x.netRevenue())).toList(),
                    c.cells().stream()
                            .map(x -> amount(x.cumulativeNetRevenue()))
                            .toList());
        }
    }

    /**
     * RFM of every customer with a counted order.
     *
     * @param asOf    the business-zone day the scores are computed for
     * @param scoring {@code RANK} or {@code THRESHOLDS}
     */
    @JsonPropertyOrder({"asOf", "scoring", "customers"})
    public record Rfm(LocalDate asOf, String scoring, List<CustomerRfm> customers) {
        public Rfm {
            customers = List.copyOf(customers);
        }
    }

    /** One customer's RFM: days since the last order, the three scores (5 best) and the segment. */
    @JsonPropertyOrder({"customerId", "recencyDays", "recency", "frequency", "monetary", "segment"})
    public record CustomerRfm(
            String customerId, long recencyDays, int recency, int frequency, int monetary, String segment) {}

    /** The longest date range one query covers; longer spans are read in consecutive pieces. */
    static final int RANGE_DAYS = 366;

    public AnalyticsExport {
        products = List.copyOf(products);
        customers = List.copyOf(customers);
        daily = List.copyOf(daily);
        countries = List.copyOf(countries);
        cohorts = List.copyOf(cohorts);
    }

    /** An export without cohorts and RFM scores. */
    public AnalyticsExport(
            Totals totals, List<Product> products, List<Customer> customers, List<Day> daily, List<Country> countries) {
        this(totals, products, customers, daily, countries, List.of(), null);
    }

    /** This export with the cohorts of {@code table} (a monthly table) as its cohort matrix. */
    public AnalyticsExport withCohorts(CohortTable table) {
        if (table.period() != CohortPeriod.MONTH) {
            throw new IllegalArgumentException("the export's cohort matrix is monthly, got " + table.period());
        }
        return new AnalyticsExport(
                totals,
                products,
                customers,
                daily,
                countries,
                table.cohorts().stream().map(CohortRow::of).toList(),
                rfm);
    }

    /**
     * The export of what {@code queries} knows about the keys a run fed. A product or customer is listed if the
     * library has any figure for it, or has ever counted it (a canceled order leaves zeros and a first-sold time);
     * a day or country is listed if any of its figures is not zero.
     *
     * @param zone the business zone the library buckets days in
     * @param keys what the run fed
     */
    public static AnalyticsExport of(AnalyticsQueries queries, ZoneId zone, FedKeys keys) {
        List<Product> products = new ArrayList<>();
        for (String id : keys.productIds()) {
            Optional<ProductStats> p = queries.product(id);
            if (p.isPresent()
                    && (p.get().unitsSold() != 0
                            || p.get().revenue().signum() != 0
                            || p.get().orders() != 0
                            || p.get().firstSoldAt() != null)) {
                products.add(new Product(id, p.get().unitsSold(), amount(p.get().revenue())));
            }
        }
        List<Customer> customers = new ArrayList<>();
        for (String id : keys.customerIds()) {
            Optional<CustomerProfile> c = queries.customer(id);
            if (c.isPresent()
                    && (c.get().totalOrders() != 0
                            || c.get().totalSpent().signum() != 0
                            || c.get().totalItems() != 0
                            || !c.get().timeOfDay().isEmpty()
                            || c.get().firstOrderAt() != null)) {
                customers.add(
                        new Customer(id, c.get().totalOrders(), amount(c.get().totalSpent())));
            }
        }
        List<Day> days = new ArrayList<>();
        Map<String, CountrySales> byCountry = new TreeMap<>();
        long orders = 0;
        long refunds = 0;
        BigDecimal gross = BigDecimal.ZERO;
        BigDecimal refunded = BigDecimal.ZERO;
        if (!keys.isEmpty()) {
            LocalDate last = keys.lastDay(zone);
            for (LocalDate from = keys.firstDay(zone); !from.isAfter(last); from = from.plusDays(RANGE_DAYS)) {
                LocalDate to = from.plusDays(RANGE_DAYS - 1).isAfter(last) ? last : from.plusDays(RANGE_DAYS - 1);
                for (DailyStats d : queries.daily(from, to)) {
                    if (hasFigures(d)) {
                        days.add(new Day(d.date(), d.orders(), amount(d.grossRevenue()), amount(d.refundedAmount())));
                        orders += d.orders();
                        refunds += d.refunds();
                        gross = gross.add(d.grossRevenue());
                        refunded = refunded.add(d.refundedAmount());
                    }
                }
                for (CountrySales c : queries.dashboard(from, to).salesByCountry()) {
                    byCountry.merge(c.country(), c, AnalyticsExport::plus);
                }
            }
        }
        List<Country> countries = new ArrayList<>();
        for (CountrySales c : byCountry.values()) {
            if (c.orders() != 0
                    || c.grossRevenue().signum() != 0
                    || c.refunds() != 0
                    || c.refundedAmount().signum() != 0) {
                countries.add(new Country(c.country(), c.orders(), amount(c.netRevenue())));
            }
        }
        Totals totals = new Totals(
                orders,
                refunds,
                amount(gross),
                amount(refunded),
                amount(gross.subtract(refunded)),
                customers.size(),
                products.size());
        return new AnalyticsExport(totals, products, customers, days, countries);
    }

    /** This export with {@code scores}. */
    public AnalyticsExport withRfm(Rfm scores) {
        return new AnalyticsExport(totals, products, customers, daily, countries, cohorts, scores);
    }

    /** Every scored customer's RFM as of {@code asOf}, with the scoring and grid {@code segments} use. */
    public static Rfm rfm(Segments segments, LocalDate asOf) {
        List<CustomerRfm> out = new ArrayList<>();
        for (int offset = 0; ; offset += Segments.MAX_LIMIT) {
            List<RfmScore> page = segments.rfmScores(asOf, offset, Segments.MAX_LIMIT);
            for (RfmScore s : page) {
                out.add(new CustomerRfm(
                        s.customerId(), s.recencyDays(), s.recency(), s.frequency(), s.monetary(), s.segment()));
            }
            if (page.size() < Segments.MAX_LIMIT) {
                return new Rfm(asOf, segments.rfmOptions().scoring().name(), out);
            }
        }
    }

    /** Writes the export as UTF-8 JSON to {@code file}, replacing it. */
    public void writeJson(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeJson(w);
        }
    }

    /** Writes the export as JSON in the documented layout; amounts are exact JSON numbers in plain notation. */
    public void writeJson(Writer w) throws IOException {
        ExportJson.write(this, w);
    }

    private static boolean hasFigures(DailyStats d) {
        return d.orders() != 0
                || d.grossRevenue().signum() != 0
                || d.items() != 0
                || d.refunds() != 0
                || d.refundedAmount().signum() != 0
                || d.ordersByStatus().values().stream().anyMatch(n -> n != 0);
    }

    private static CountrySales plus(CountrySales a, CountrySales b) {
        return new CountrySales(
                a.country(),
                a.orders() + b.orders(),
                a.grossRevenue().add(b.grossRevenue()),
                a.refunds() + b.refunds(),
                a.refundedAmount().add(b.refundedAmount()),
                a.netRevenue().add(b.netRevenue()));
    }

    /**
     * {@code value} in the export's number form: the smallest scale that is exact, at least two decimal places
     * ({@code 1508.00}, {@code 0.001}), as the query API prints money.
     */
    static BigDecimal amount(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 2 ? stripped.setScale(2, RoundingMode.UNNECESSARY) : stripped;
    }
}
