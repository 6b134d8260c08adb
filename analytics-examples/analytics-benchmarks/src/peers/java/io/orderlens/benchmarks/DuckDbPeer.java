package io.orderlens.benchmarks;

import io.orderlens.analytics.calc.CustomerTier;
import io.orderlens.analytics.calc.OrderFrequency;
import io.orderlens.analytics.calc.TimeOfDay;
import io.orderlens.analytics.model.EventType;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import io.orderlens.analytics.query.CategoryShare;
import io.orderlens.analytics.query.CategoryStats;
import io.orderlens.analytics.query.CountrySales;
import io.orderlens.analytics.query.CustomerProfile;
import io.orderlens.analytics.query.DailyStats;
import io.orderlens.analytics.query.Dashboard;
import io.orderlens.analytics.query.ItemStat;
import io.orderlens.analytics.query.ProductStats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB (in-process, in memory) computing the read side's answers from the raw lines: one row per order line and
 * per refund line, appended once with DuckDB's Appender from the parsed events (the same objects the library
 * records), each row with its position in its order or refund; then every answer is one or a few SQL queries over
 * all the rows, with no pre-aggregation (orders are counted by their first line; distinct orders per product or
 * category are counted for the ranked rows only). Money is
 * {@code DECIMAL(18,4)} throughout, averages are rounded half-up in integer arithmetic, and the session's time zone is
 * the business zone, so a line's day and hour are DuckDB's own conversion of its instant (ICU). At load each row also
 * gets its business-zone day and hour and its signed units and amount as columns, and the table is sorted by customer
 * (so a customer's rows share few of DuckDB's zone-mapped blocks). The library's default policies are
 * written out in SQL: rating by net units (0/10/50/100 → 4.0/4.2/4.5/4.8), tier by net spend (1,000/5,000/20,000),
 * time of day (06/12/17/21), order frequency per 30-day month of age since the first order (below 2 / below 8), 5 top
 * items, 3 favourite categories, 5 products and categories on the dashboard.
 *
 * <p>Handles what the Online Retail replay produces: delivered orders with their bodies and standalone refunds with
 * lines, customers without an account date or zone; {@link #load} rejects anything else. One thread at a time.
 */
public final class DuckDbPeer implements ReadSidePeer {
    private static final int TOP_ITEMS = 5;
    private static final int TOP_CATEGORIES = 3;
    private static final int DASHBOARD_TOP = 5;
    private static final long MAX_LINES_PER_EVENT = 10_000;

    /** Half-up rounding of a / b to an integer for b > 0 (0 otherwise), in exact integer arithmetic. */
    private static final String HALF_UP_MACRO = "CREATE MACRO half_up(a, b) AS"
            + " CASE WHEN b <= 0 THEN 0 ELSE sign(a) * ((2 * abs(a) + b) // (2 * b)) END";

    private static final String SALES_TABLE = "CREATE TABLE sales AS SELECT *,"
            + " CAST(ts AS DATE) AS day,"
            + " hour(ts) AS hr,"
            + " CASE WHEN kind = 'order' THEN CAST(unit_price * quantity AS DECIMAL(18,4)) ELSE amount END AS value,"
            + " CASE WHEN kind = 'order' THEN quantity ELSE -quantity END AS units,"
            + " CASE WHEN kind = 'order' THEN CAST(unit_price * quantity AS DECIMAL(18,4)) ELSE -amount END AS net"
            + " FROM lines ORDER BY customer_id, pos";

    private static final String PROFILE = "WITH c AS (SELECT"
            + " count(*) FILTER (WHERE kind = 'order' AND line_no = 0) AS orders,"
            + " sum(net) AS spent, sum(units) AS items,"
            + " epoch_us(min(ts) FILTER (WHERE kind = 'order')) AS first_at,"
            + " epoch_us(max(ts) FILTER (WHERE kind = 'order')) AS last_at,"
            + " count(*) AS n"
            + " FROM sales WHERE customer_id = $1),"
            + " a AS (SELECT *, greatest(30, CASE WHEN first_at IS NULL THEN 0"
            + " ELSE greatest(0, $2 - first_at) // 86400000000 END) AS age_days FROM c)"
            + " SELECT orders, spent, items, first_at, last_at,"
            + " half_up(CAST(spent * 10000 AS BIGINT), 100 * orders) AS avg_cents,"
            + " half_up(100 * items, orders) AS items_cents,"
            + " CASE WHEN spent >= 20000 THEN 'PLATINUM' WHEN spent >= 5000 THEN 'GOLD'"
            + " WHEN spent >= 1000 THEN 'SILVER' ELSE 'BRONZE' END AS tier,"
            + " CASE WHEN greatest(0, orders) * 30 < 2 * age_days THEN 'OCCASIONAL'"
            + " WHEN greatest(0, orders) * 30 < 8 * age_days THEN 'REGULAR' ELSE 'FREQUENT' END AS frequency"
            + " FROM a WHERE n > 0";

    /** Classes in {@link TimeOfDay} order, the most frequent first (ties: earlier in the day). */
    private static final String TIME_OF_DAY = "SELECT CASE WHEN hr >= 6 AND hr < 12 THEN 0"
            + " WHEN hr >= 12 AND hr < 17 THEN 1 WHEN hr >= 17 AND hr < 21 THEN 2 ELSE 3 END AS tod,"
            + " count(*) AS n"
            + " FROM sales WHERE customer_id = $1 AND kind = 'order' AND line_no = 0 GROUP BY tod ORDER BY n DESC, tod";

    private static final String TOP_ITEMS_SQL = "SELECT * FROM (SELECT product_id,"
            + " arg_max(name, pos) FILTER (WHERE name IS NOT NULL) AS name,"
            + " arg_max(category, pos) FILTER (WHERE category IS NOT NULL) AS category,"
            + " sum(units) AS units, sum(net) AS spend,"
            + " count(DISTINCT event_id) FILTER (WHERE kind = 'order') AS orders,"
            + " epoch_us(max(ts) FILTER (WHERE kind = 'order')) AS last_at"
            + " FROM sales WHERE customer_id = $1 GROUP BY product_id"
            + " ORDER BY units DESC, spend DESC, product_id LIMIT " + TOP_ITEMS + ")"
            + " WHERE units > 0 ORDER BY units DESC, spend DESC, product_id";

    private static final String TOP_CUSTOMER_CATEGORIES = "SELECT * FROM (SELECT category,"
            + " count(DISTINCT event_id) FILTER (WHERE kind = 'order') AS orders,"
            + " sum(units) AS units, sum(net) AS spend"
            + " FROM sales WHERE customer_id = $1 AND category IS NOT NULL GROUP BY category"
            + " ORDER BY orders DESC, spend DESC, category LIMIT " + TOP_CATEGORIES + ")"
            + " WHERE orders > 0 ORDER BY orders DESC, spend DESC, category";

    /**
     * The ranking first (sums only), then names, order counts and times for the ranked products alone: counting
     * distinct orders for every product would cost more than the ranking.
     */
    private static final String TOP_PRODUCTS =
            "WITH top AS (SELECT product_id, sum(units) AS units, sum(net) AS revenue"
                    + " FROM sales GROUP BY product_id ORDER BY revenue DESC, product_id LIMIT $1)"
                    + " SELECT t.product_id,"
                    + " arg_max(s.name, s.pos) FILTER (WHERE s.name IS NOT NULL),"
                    + " arg_max(s.category, s.pos) FILTER (WHERE s.category IS NOT NULL),"
                    + " t.units, t.revenue,"
                    + " count(DISTINCT s.event_id) FILTER (WHERE s.kind = 'order'),"
                    + " CASE WHEN t.units >= 100 THEN CAST('4.8' AS DECIMAL(2,1))"
                    + " WHEN t.units >= 50 THEN CAST('4.5' AS DECIMAL(2,1))"
                    + " WHEN t.units >= 10 THEN CAST('4.2' AS DECIMAL(2,1)) ELSE CAST('4.0' AS DECIMAL(2,1)) END,"
                    + " epoch_us(min(s.ts) FILTER (WHERE s.kind = 'order')),"
                    + " epoch_us(max(s.ts) FILTER (WHERE s.kind = 'order'))"
                    + " FROM top t JOIN sales s USING (product_id) GROUP BY t.product_id, t.units, t.revenue"
                    + " ORDER BY t.revenue DESC, t.product_id";

    private static final String TOP_CATEGORIES_SQL = "WITH top AS (SELECT category, sum(units) AS units,"
            + " sum(net) AS revenue FROM sales WHERE category IS NOT NULL GROUP BY category"
            + " ORDER BY revenue DESC, category LIMIT $1)"
            + " SELECT t.category, t.units, t.revenue, count(DISTINCT s.event_id) FILTER (WHERE s.kind = 'order')"
            + " FROM top t JOIN sales s USING (category) GROUP BY t.category, t.units, t.revenue"
            + " ORDER BY t.revenue DESC, t.category";

    /** Customers by the day of their first order ("new customers"), for days in [$1, $2]. */
    private static final String FIRST_DAYS = "(SELECT first_day FROM (SELECT min(day) AS first_day FROM sales"
            + " WHERE kind = 'order' GROUP BY customer_id) WHERE first_day BETWEEN $1 AND $2)";

    private static final String DAILY = "WITH d AS (SELECT CAST(t.d AS DATE) AS day"
            + " FROM generate_series(CAST($1 AS TIMESTAMP), CAST($2 AS TIMESTAMP), INTERVAL 1 DAY) AS t(d)),"
            + " o AS (SELECT day, count(*) FILTER (WHERE line_no = 0) AS orders, sum(net) AS gross, sum(units) AS items"
            + " FROM sales WHERE kind = 'order' AND day BETWEEN $1 AND $2 GROUP BY day),"
            + " r AS (SELECT day, count(*) FILTER (WHERE line_no = 0) AS refunds, sum(value) AS refunded"
            + " FROM sales WHERE kind = 'refund' AND day BETWEEN $1 AND $2 GROUP BY day),"
            + " x AS (SELECT day, count(*) FILTER (WHERE line_no = 0) AS canceled"
            + " FROM sales WHERE kind = 'order' AND status = 'CANCELED' AND day BETWEEN $1 AND $2 GROUP BY day),"
            + " f AS (SELECT first_day AS day, count(*) AS fresh FROM " + FIRST_DAYS + " GROUP BY first_day)"
            + " SELECT d.day, coalesce(orders, 0), coalesce(gross, 0), coalesce(items, 0), coalesce(refunds, 0),"
            + " coalesce(refunded, 0), coalesce(gross, 0) - coalesce(refunded, 0), coalesce(fresh, 0),"
            + " coalesce(canceled, 0)"
            + " FROM d LEFT JOIN o USING (day) LEFT JOIN r USING (day) LEFT JOIN f USING (day)"
            + " LEFT JOIN x USING (day) ORDER BY d.day";

    private static final String DAILY_STATUSES = "SELECT day, status, count(*) FROM sales"
            + " WHERE kind = 'order' AND line_no = 0 AND day BETWEEN $1 AND $2 GROUP BY day, status";

    private static final String DASHBOARD = "WITH o AS (SELECT count(*) FILTER (WHERE line_no = 0) AS orders,"
            + " coalesce(sum(net), 0) AS gross, coalesce(sum(units), 0) AS items"
            + " FROM sales WHERE kind = 'order' AND day BETWEEN $1 AND $2),"
            + " r AS (SELECT count(*) FILTER (WHERE line_no = 0) AS refunds, coalesce(sum(value), 0) AS refunded"
            + " FROM sales WHERE kind = 'refund' AND day BETWEEN $1 AND $2),"
            + " x AS (SELECT count(*) FILTER (WHERE line_no = 0) AS canceled"
            + " FROM sales WHERE kind = 'order' AND status = 'CANCELED' AND day BETWEEN $1 AND $2),"
            + " f AS (SELECT count(*) AS fresh FROM " + FIRST_DAYS + ")"
            + " SELECT orders, gross, refunded, gross - refunded,"
            + " half_up(CAST(gross * 10000 AS BIGINT), 100 * orders), items, refunds, fresh, canceled"
            + " FROM o, r, x, f";

    private static final String DASHBOARD_STATUSES = "SELECT status, count(*) FROM sales"
            + " WHERE kind = 'order' AND line_no = 0 AND day BETWEEN $1 AND $2 GROUP BY status";

    private static final String COUNTRIES = "WITH o AS (SELECT country, count(*) FILTER (WHERE line_no = 0) AS orders,"
            + " sum(net) AS gross FROM sales WHERE kind = 'order' AND day BETWEEN $1 AND $2 GROUP BY country),"
            + " r AS (SELECT country, count(*) FILTER (WHERE line_no = 0) AS refunds, sum(value) AS refunded"
            + " FROM sales WHERE kind = 'refund' AND day BETWEEN $1 AND $2 GROUP BY country)"
            + " SELECT coalesce(o.country, r.country) AS country, coalesce(orders, 0), coalesce(gross, 0),"
            + " coalesce(refunds, 0), coalesce(refunded, 0), coalesce(gross, 0) - coalesce(refunded, 0) AS net"
            + " FROM o FULL OUTER JOIN r ON o.country = r.country ORDER BY net DESC, country";

    private Connection connection;
    private ZoneId zone;
    private Clock clock;
    private long lines;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    @Override
    public String id() {
        return "duckdb";
    }

    @Override
    public String describe() {
        return String.format(
                "DuckDB %s in process, in memory; %,d order and refund lines appended once with its Appender from"
                        + " the parsed events; every answer computed by SQL over all lines (DECIMAL money, session"
                        + " time zone %s)",
                version(), lines, zone);
    }

    @Override
    public void load(List<OrderEvent> events, ZoneId zone, Clock clock) {
        if (connection != null) {
            throw new IllegalStateException("the lines are already loaded");
        }
        this.zone = zone;
        this.clock = clock;
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = connection.createStatement()) {
                s.execute("SET memory_limit = '1GB'");
                s.execute("SET TimeZone = '" + zone.getId().replace("'", "''") + "'");
                s.execute(HALF_UP_MACRO);
                s.execute("CREATE TABLE lines (kind VARCHAR NOT NULL, event_id VARCHAR NOT NULL, pos BIGINT NOT NULL,"
                        + " line_no INTEGER NOT NULL,"
                        + " customer_id VARCHAR NOT NULL, country VARCHAR, status VARCHAR, ts TIMESTAMPTZ NOT NULL,"
                        + " product_id VARCHAR NOT NULL, name VARCHAR, category VARCHAR, quantity BIGINT NOT NULL,"
                        + " unit_price DECIMAL(18,4), amount DECIMAL(18,4))");
            }
            try (DuckDBAppender appender = ((DuckDBConnection) connection).createAppender("main", "lines")) {
                for (int i = 0; i < events.size(); i++) {
                    append(appender, events.get(i), i);
                }
            }
            try (Statement s = connection.createStatement()) {
                s.execute(SALES_TABLE);
                s.execute("DROP TABLE lines");
            }
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("DuckDB could not load the lines: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void append(DuckDBAppender appender, OrderEvent e, int index) throws SQLException {
        long pos = index * MAX_LINES_PER_EVENT;
        if (e.type() == EventType.DELIVERED && e.order() != null) {
            Order o = e.order();
            if (o.customer().accountCreatedAt() != null || o.customer().zone() != null) {
                throw new IllegalArgumentException("order " + o.orderId()
                        + ": customers with an account date or a zone of their own are not modelled by this peer");
            }
            for (int n = 0; n < o.lines().size(); n++) {
                LineItem line = o.lines().get(n);
                appender.beginRow()
                        .append("order")
                        .append(o.orderId())
                        .append(pos + n)
                        .append(n)
                        .append(o.customerId())
                        .append(o.country())
                        .append(OrderStatus.DELIVERED.name())
                        .appendEpochMicros(micros(o.placedAt()))
                        .append(line.productId())
                        .append(line.name())
                        .append(line.category())
                        .append((long) line.quantity())
                        .append(line.unitPrice().setScale(4, RoundingMode.UNNECESSARY))
                        .appendNull()
                        .endRow();
                lines++;
            }
            return;
        }
        Refund r = e.refund();
        if (e.type() == EventType.REFUNDED
                && r != null
                && r.isStandalone()
                && !r.lines().isEmpty()) {
            for (int n = 0; n < r.lines().size(); n++) {
                RefundLine line = r.lines().get(n);
                appender.beginRow()
                        .append("refund")
                        .append(r.refundId())
                        .append(pos + n)
                        .append(n)
                        .append(r.customerId())
                        .append(r.country())
                        .appendNull()
                        .appendEpochMicros(micros(r.at()))
                        .append(line.productId())
                        .appendNull()
                        .append(line.category())
                        .append((long) line.quantity())
                        .appendNull()
                        .append(line.amount().setScale(4, RoundingMode.UNNECESSARY))
                        .endRow();
                lines++;
            }
            return;
        }
        throw new IllegalArgumentException("event " + e.type() + " " + e.orderId()
                + ": this peer models delivered orders with their bodies and standalone refunds with lines only");
    }

    private static long micros(Instant at) {
        if (at.getNano() % 1_000 != 0) {
            throw new IllegalArgumentException("DuckDB keeps microseconds; " + at + " has finer digits");
        }
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    @Override
    public Optional<CustomerProfile> customer(String customerId) {
        try {
            PreparedStatement totals = statement(PROFILE);
            totals.setString(1, customerId);
            // whole microseconds: the same whole days of age as the exact instant
            totals.setLong(2, ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant()));
            try (ResultSet rs = totals.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Hours hours = hours(customerId);
                return Optional.of(new CustomerProfile(
                        customerId,
                        rs.getLong(1),
                        money(rs.getBigDecimal(2)),
                        BigDecimal.valueOf(rs.getLong(6), 2),
                        rs.getLong(3),
                        BigDecimal.valueOf(rs.getLong(7), 2),
                        instant(rs, 4),
                        instant(rs, 5),
                        null,
                        items(customerId),
                        categories(customerId),
                        OrderFrequency.valueOf(rs.getString(9)),
                        hours.counts(),
                        hours.preferred(),
                        CustomerTier.valueOf(rs.getString(8))));
            }
        } catch (SQLException e) {
            throw failed("customer(" + customerId + ")", e);
        }
    }

    private List<ItemStat> items(String customerId) throws SQLException {
        PreparedStatement ps = statement(TOP_ITEMS_SQL);
        ps.setString(1, customerId);
        List<ItemStat> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ItemStat(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        money(rs.getBigDecimal(5)),
                        rs.getLong(6),
                        instant(rs, 7)));
            }
        }
        return out;
    }

    private List<CategoryShare> categories(String customerId) throws SQLException {
        PreparedStatement ps = statement(TOP_CUSTOMER_CATEGORIES);
        ps.setString(1, customerId);
        List<CategoryShare> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new CategoryShare(rs.getString(1), rs.getLong(2), rs.getLong(3), money(rs.getBigDecimal(4))));
            }
        }
        return out;
    }

    /** A customer's counted orders per time-of-day class and the most frequent class (null with none). */
    private record Hours(Map<TimeOfDay, Long> counts, TimeOfDay preferred) {}

    private Hours hours(String customerId) throws SQLException {
        Map<TimeOfDay, Long> counts = new EnumMap<>(TimeOfDay.class);
        TimeOfDay preferred = null;
        PreparedStatement ps = statement(TIME_OF_DAY);
        ps.setString(1, customerId);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                TimeOfDay t = TimeOfDay.values()[rs.getInt(1)];
                counts.put(t, rs.getLong(2));
                preferred = preferred == null ? t : preferred;
            }
        }
        return new Hours(counts, preferred);
    }

    @Override
    public List<ProductStats> topProductsByRevenue(int limit) {
        try {
            return products(limit);
        } catch (SQLException e) {
            throw failed("topProducts(REVENUE, " + limit + ")", e);
        }
    }

    private List<ProductStats> products(int limit) throws SQLException {
        PreparedStatement ps = statement(TOP_PRODUCTS);
        ps.setInt(1, limit);
        List<ProductStats> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ProductStats(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        money(rs.getBigDecimal(5)),
                        rs.getLong(6),
                        rs.getBigDecimal(7),
                        instant(rs, 8),
                        instant(rs, 9)));
            }
        }
        return out;
    }

    @Override
    public List<DailyStats> daily(LocalDate from, LocalDate to) {
        try {
            Map<LocalDate, Map<OrderStatus, Long>> statuses = new HashMap<>();
            PreparedStatement st = range(DAILY_STATUSES, from, to);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    statuses.computeIfAbsent(date(rs, 1), d -> new EnumMap<>(OrderStatus.class))
                            .put(OrderStatus.valueOf(rs.getString(2)), rs.getLong(3));
                }
            }
            List<DailyStats> out = new ArrayList<>();
            try (ResultSet rs = range(DAILY, from, to).executeQuery()) {
                while (rs.next()) {
                    LocalDate day = date(rs, 1);
                    out.add(new DailyStats(
                            day,
                            rs.getLong(2),
                            money(rs.getBigDecimal(3)),
                            rs.getLong(4),
                            rs.getLong(5),
                            money(rs.getBigDecimal(6)),
                            money(rs.getBigDecimal(7)),
                            rs.getLong(8),
                            rs.getLong(9),
                            statuses.getOrDefault(day, Map.of())));
                }
            }
            return List.copyOf(out);
        } catch (SQLException e) {
            throw failed("daily(" + from + ", " + to + ")", e);
        }
    }

    @Override
    public Dashboard dashboard(LocalDate from, LocalDate to) {
        try {
            Map<OrderStatus, Long> statuses = new EnumMap<>(OrderStatus.class);
            try (ResultSet rs = range(DASHBOARD_STATUSES, from, to).executeQuery()) {
                while (rs.next()) {
                    statuses.put(OrderStatus.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            List<CountrySales> countries = new ArrayList<>();
            try (ResultSet rs = range(COUNTRIES, from, to).executeQuery()) {
                while (rs.next()) {
                    countries.add(new CountrySales(
                            rs.getString(1),
                            rs.getLong(2),
                            money(rs.getBigDecimal(3)),
                            rs.getLong(4),
                            money(rs.getBigDecimal(5)),
                            money(rs.getBigDecimal(6))));
                }
            }
            List<CategoryStats> categories = new ArrayList<>();
            PreparedStatement cs = statement(TOP_CATEGORIES_SQL);
            cs.setInt(1, DASHBOARD_TOP);
            try (ResultSet rs = cs.executeQuery()) {
                while (rs.next()) {
                    categories.add(new CategoryStats(
                            rs.getString(1), rs.getLong(2), money(rs.getBigDecimal(3)), rs.getLong(4)));
                }
            }
            List<ProductStats> products = products(DASHBOARD_TOP);
            try (ResultSet rs = range(DASHBOARD, from, to).executeQuery()) {
                rs.next();
                return new Dashboard(
                        from,
                        to,
                        zone.getId(),
                        rs.getLong(1),
                        money(rs.getBigDecimal(2)),
                        money(rs.getBigDecimal(3)),
                        money(rs.getBigDecimal(4)),
                        BigDecimal.valueOf(rs.getLong(5), 2),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8),
                        rs.getLong(9),
                        statuses,
                        countries,
                        products,
                        categories);
            }
        } catch (SQLException e) {
            throw failed("dashboard(" + from + ", " + to + ")", e);
        }
    }

    private PreparedStatement range(String sql, LocalDate from, LocalDate to) throws SQLException {
        PreparedStatement ps = statement(sql);
        ps.setObject(1, from);
        ps.setObject(2, to);
        return ps;
    }

    private PreparedStatement statement(String sql) throws SQLException {
        if (connection == null) {
            throw new IllegalStateException("load the lines first");
        }
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /** A DECIMAL sum as the library presents money: no trailing zeros beyond two decimals; 0 for no rows. */
    private static BigDecimal money(BigDecimal value) {
        if (value == null) {
            return new BigDecimal("0.00");
        }
        BigDecimal v = value.stripTrailingZeros();
        return v.scale() < 2 ? v.setScale(2, RoundingMode.UNNECESSARY) : v;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long micros = rs.getLong(column);
        return rs.wasNull() ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private String version() {
        if (connection == null) {
            return "(not started)";
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT version()")) {
            return rs.next() ? rs.getString(1) : "?";
        } catch (SQLException e) {
            return "?";
        }
    }

    private static IllegalStateException failed(String call, SQLException e) {
        return new IllegalStateException("DuckDB failed on " + call + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        statements.values().forEach(ps -> {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // closing a statement of a connection about to close: nothing to recover
            }
        });
        statements.clear();
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // an in-memory database: closing frees it; nothing else depends on this outcome
            }
            connection = null;
        }
    }
}
