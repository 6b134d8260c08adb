package io.orderlens.analytics.internal;

import io.orderlens.analytics.calc.TimeOfDay;
import io.orderlens.analytics.model.Checks;
import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.query.AnalyticsQueries;
import io.orderlens.analytics.query.CategoryShare;
import io.orderlens.analytics.query.CategoryStats;
import io.orderlens.analytics.query.CountrySales;
import io.orderlens.analytics.query.CustomerProfile;
import io.orderlens.analytics.query.CustomerSummary;
import io.orderlens.analytics.query.DailyStats;
import io.orderlens.analytics.query.Dashboard;
import io.orderlens.analytics.query.ItemStat;
import io.orderlens.analytics.query.ProductRanking;
import io.orderlens.analytics.query.ProductStats;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.CacheRequest;
import io.orderlens.analytics.spi.CacheScope;
import io.orderlens.analytics.spi.CategoryCounters;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.CustomerCategoryCounters;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.CustomerProductCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.ProductCounters;
import io.orderlens.analytics.spi.Scan;
import io.orderlens.analytics.spi.StatusCounts;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The query API: reads counters from the store (through the cache) and derives the rest with the calculators. */
public final class QueryService implements AnalyticsQueries {
    static final int MAX_LIMIT = 1000;
    static final long MAX_RANGE_DAYS = 3660;
    private static final int DASHBOARD_TOP = 5;

    private final AnalyticsStore store;
    private final AnalyticsCache cache;
    private final Calculators calc;
    private final ZoneId zone;
    private final Clock clock;
    private final int topItems;
    private final int topCategories;
    private final Runnable requireOpen;

    /** @param requireOpen called first by every query; throws {@link IllegalStateException} once closed */
    public QueryService(
            AnalyticsStore store,
            AnalyticsCache cache,
            Calculators calc,
            ZoneId zone,
            Clock clock,
            int topItems,
            int topCategories,
            Runnable requireOpen) {
        this.store = store;
        this.cache = cache;
        this.calc = calc;
        this.zone = zone;
        this.clock = clock;
        this.topItems = topItems;
        this.topCategories = topCategories;
        this.requireOpen = requireOpen;
    }

    @Override
    public Optional<ProductStats> product(String productId) {
        requireOpen.run();
        requireId(productId, "productId");
        return Optional.ofNullable(cached(
                "product",
                productId,
                List.of(CacheScope.product(productId)),
                ProductStats.class,
                () -> store.get(Aggregate.PRODUCTS, productId)
                        .map(this::productStats)
                        .orElse(null)));
    }

    @Override
    public List<ProductStats> topProducts(ProductRanking ranking, int limit) {
        requireOpen.run();
        if (ranking == null) {
            throw new IllegalArgumentException("ranking must not be null");
        }
        requireLimit(limit);
        return cached(
                "topProducts",
                ranking + "|" + limit,
                List.of(CacheScope.GLOBAL),
                CacheRequest.listOf(ProductStats.class),
                () -> store.top(Rankings.products(ranking), Scan.all(), limit).stream()
                        .map(this::productStats)
                        .toList());
    }

    @Override
    public Optional<CustomerProfile> customer(String customerId) {
        requireOpen.run();
        requireId(customerId, "customerId");
        return Optional.ofNullable(cached(
                "customer",
                customerId,
                List.of(CacheScope.customer(customerId)),
                CustomerProfile.class,
                () -> store.get(Aggregate.CUSTOMERS, customerId)
                        .map(this::profile)
                        .orElse(null)));
    }

    @Override
    public List<CustomerSummary> topCustomers(int limit) {
        requireOpen.run();
        requireLimit(limit);
        return cached(
                "topCustomers",
                String.valueOf(limit),
                List.of(CacheScope.GLOBAL),
                CacheRequest.listOf(CustomerSummary.class),
                () -> store.top(Rankings.CUSTOMERS_BY_SPEND, Scan.all(), limit).stream()
                        .map(this::summary)
                        .toList());
    }

    @Override
    public Optional<CategoryStats> category(String category) {
        requireOpen.run();
        requireId(category, "category");
        return Optional.ofNullable(cached(
                "category",
                category,
                List.of(CacheScope.GLOBAL),
                CategoryStats.class,
                () -> store.get(Aggregate.CATEGORIES, category)
                        .map(QueryService::categoryStats)
                        .orElse(null)));
    }

    @Override
    public List<CategoryStats> topCategories(int limit) {
        requireOpen.run();
        requireLimit(limit);
        return cached(
                "topCategories",
                String.valueOf(limit),
                List.of(CacheScope.GLOBAL),
                CacheRequest.listOf(CategoryStats.class),
                () -> store.top(Rankings.CATEGORIES_BY_REVENUE, Scan.all(), limit).stream()
                        .map(QueryService::categoryStats)
                        .toList());
    }

    @Override
    public List<DailyStats> daily(LocalDate from, LocalDate to) {
        requireOpen.run();
        requireRange(from, to);
        return cached(
                "daily",
                from + "|" + to,
                List.of(CacheScope.GLOBAL),
                CacheRequest.listOf(DailyStats.class),
                () -> DayRows.daily(store, from, to));
    }

    @Override
    public Dashboard dashboard(LocalDate from, LocalDate to) {
        requireOpen.run();
        requireRange(from, to);
        return cached(
                "dashboard",
                from + "|" + to,
                List.of(CacheScope.GLOBAL),
                Dashboard.class,
                () -> loadDashboard(from, to));
    }

    // ----- loaders -----

    private Dashboard loadDashboard(LocalDate from, LocalDate to) {
        Scan range = Scan.dates(from, to);
        DayCounters total = new DayCounters(from, 0, 0, 0, 0, 0, StatusCounts.EMPTY);
        for (DayCounters d : rows(Aggregate.DAYS, range)) {
            total = total.plus(d);
        }
        long orders = total.orders();
        long gross = total.grossRevenue();
        long refunded = total.refundedAmount();
        StatusCounts statuses = total.statuses();
        List<CountrySales> countries = DayRows.countries(store, range);
        long fresh = total.newCustomers();
        return new Dashboard(
                from,
                to,
                zone.getId(),
                orders,
                money(gross),
                money(refunded),
                money(gross - refunded),
                average(gross, orders),
                total.items(),
                total.refunds(),
                fresh,
                statuses.get(OrderStatus.CANCELED),
                statuses.asMap(),
                countries,
                store.top(Rankings.PRODUCTS_BY_REVENUE, Scan.all(), DASHBOARD_TOP).stream()
                        .map(this::productStats)
                        .toList(),
                store.top(Rankings.CATEGORIES_BY_REVENUE, Scan.all(), DASHBOARD_TOP).stream()
                        .map(QueryService::categoryStats)
                        .toList());
    }

    ProductStats productStats(ProductCounters c) {
        return new ProductStats(
                c.productId(),
                c.name(),
                c.category(),
                c.units(),
                money(c.revenue()),
                c.orders(),
                calc.rating(c.units()),
                c.firstSoldAt(),
                c.lastSoldAt());
    }

    private CustomerSummary summary(CustomerCounters c) {
        BigDecimal spent = money(c.spent());
        return new CustomerSummary(c.customerId(), c.orders(), spent, average(c.spent(), c.orders()), calc.tier(spent));
    }

    private static CategoryStats categoryStats(CategoryCounters c) {
        return new CategoryStats(c.category(), c.units(), money(c.revenue()), c.orders());
    }

    private CustomerProfile profile(CustomerCounters c) {
        List<ItemStat> items = new ArrayList<>();
        for (CustomerProductCounters p :
                store.top(Rankings.CUSTOMER_PRODUCTS, Scan.partition(c.customerId()), topItems)) {
            if (p.units() > 0) {
                items.add(new ItemStat(
                        p.productId(),
                        p.name(),
                        p.category(),
                        p.units(),
                        money(p.spend()),
                        p.orders(),
                        p.lastOrderedAt()));
            }
        }
        List<CategoryShare> categories = new ArrayList<>();
        for (CustomerCategoryCounters cc :
                store.top(Rankings.CUSTOMER_CATEGORIES, Scan.partition(c.customerId()), topCategories)) {
            if (cc.orders() > 0) {
                categories.add(new CategoryShare(cc.category(), cc.orders(), cc.units(), money(cc.spend())));
            }
        }
        Map<TimeOfDay, Long> tod = new EnumMap<>(TimeOfDay.class);
        for (int h = 0; h < 24; h++) {
            long n = c.hours().get(h);
            if (n != 0) {
                tod.merge(calc.timeOfDay(h), n, Long::sum);
            }
        }
        TimeOfDay preferred = null;
        long best = 0;
        for (TimeOfDay t : TimeOfDay.values()) {
            long n = tod.getOrDefault(t, 0L);
            if (n > best) {
                best = n;
                preferred = t;
            }
        }
        Instant now = clock.instant();
        Instant since =
                c.accountCreatedAt() != null ? c.accountCreatedAt() : c.firstOrderAt() != null ? c.firstOrderAt() : now;
        Duration age = since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
        BigDecimal spent = money(c.spent());
        return new CustomerProfile(
                c.customerId(),
                c.orders(),
                spent,
                average(c.spent(), c.orders()),
                c.items(),
                ratio(c.items(), c.orders()),
                c.firstOrderAt(),
                c.lastOrderAt(),
                c.accountCreatedAt(),
                items,
                categories,
                calc.frequency(Math.max(0, c.orders()), age),
                tod,
                preferred,
                calc.tier(spent));
    }

    // ----- helpers -----

    private <T extends Counters> List<T> rows(Aggregate<T> aggregate, Scan scan) {
        List<T> out = new ArrayList<>();
        store.scan(aggregate, scan, out::add);
        return out;
    }

    private <T> T cached(String query, String params, List<CacheScope> scopes, Type type, Supplier<T> loader) {
        return cache.get(new CacheRequest<T>(query, params, scopes, type), loader);
    }

    static BigDecimal money(long units) {
        return MoneyUnits.toAmount(units);
    }

    /** units / count with 2 decimals, half-up; 0.00 when count is not positive. */
    static BigDecimal average(long units, long count) {
        if (count <= 0) {
            return new BigDecimal("0.00");
        }
        return BigDecimal.valueOf(units, MoneyUnits.SCALE).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal ratio(long a, long b) {
        if (b <= 0) {
            return new BigDecimal("0.00");
        }
        return BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), 2, RoundingMode.HALF_UP);
    }

    /** An id no event can carry matches nothing; it is refused rather than looked up (a store might fold it). */
    private static void requireId(String id, String what) {
        String problem = Checks.idProblem(id, Checks.MAX_ID_LENGTH);
        if (problem != null) {
            throw new IllegalArgumentException(what + problem);
        }
    }

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
    }

    static void requireRange(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("from and to must not be null");
        }
        if (from.isBefore(Checks.MIN_DATE) || to.isAfter(Checks.MAX_DATE)) {
            throw new IllegalArgumentException("dates must be in " + Checks.MIN_DATE + ".." + Checks.MAX_DATE
                    + " (the days of the supported instants in any zone), got " + from + ".." + to);
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to, got " + from + " > " + to);
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_RANGE_DAYS) {
            throw new IllegalArgumentException(
                    "a date range may span at most " + MAX_RANGE_DAYS + " days, got " + days);
        }
    }
}
