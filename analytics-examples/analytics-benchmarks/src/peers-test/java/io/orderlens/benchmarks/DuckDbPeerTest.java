package io.orderlens.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.query.ProductRanking;
import io.orderlens.examples.retail.OnlineRetailMapping;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB against the library on a slice of the Online Retail file (the first invoices of the shared data set, or a
 * generated file when it is absent): every customer, top lists of several sizes, the daily series and dashboards of
 * several ranges must be equal, and a one-line change to the peer's input must be caught.
 */
class DuckDbPeerTest {
    private static final int SLICE = 2_500;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2012-06-30T12:00:00Z"), OnlineRetailMapping.ZONE);

    @TempDir
    Path dir;

    @Test
    void answersEveryQueryExactlyAsTheLibraryOnASliceOfTheData() throws IOException {
        Dataset data = slice();
        int checks = 0;
        try (Analytics library = Replay.analytics(new InMemoryAnalyticsStore(), CLOCK);
                DuckDbPeer peer = new DuckDbPeer()) {
            Replay.recordAll(library, data.events(), 500);
            peer.load(data.events(), OnlineRetailMapping.ZONE, CLOCK);

            for (String id : customersOfOrdersAndRefunds(data.events())) {
                checks += ReadSideBench.agree(
                        "duckdb",
                        "customer(" + id + ")",
                        peer.customer(id),
                        library.queries().customer(id));
            }
            assertThat(peer.customer("no-such-customer")).isEmpty();
            for (int limit : new int[] {1, 10, 1000}) {
                checks += ReadSideBench.agree(
                        "duckdb",
                        "topProducts(" + limit + ")",
                        peer.topProductsByRevenue(limit),
                        library.queries().topProducts(ProductRanking.REVENUE, limit));
            }
            LocalDate first = data.firstDay();
            LocalDate last = data.lastDay();
            List<LocalDate[]> ranges = List.of(
                    new LocalDate[] {first, last},
                    new LocalDate[] {first.minusDays(3), first.plusDays(2)},
                    new LocalDate[] {last, last},
                    new LocalDate[] {last.plusDays(1), last.plusDays(40)});
            for (LocalDate[] r : ranges) {
                checks += ReadSideBench.agree(
                        "duckdb",
                        "daily(" + r[0] + ", " + r[1] + ")",
                        peer.daily(r[0], r[1]),
                        library.queries().daily(r[0], r[1]));
                checks += ReadSideBench.agree(
                        "duckdb",
                        "dashboard(" + r[0] + ", " + r[1] + ")",
                        peer.dashboard(r[0], r[1]),
                        library.queries().dashboard(r[0], r[1]));
            }
            assertThat(peer.describe()).contains("Appender").contains("Europe/London");
        }
        assertThat(checks).isGreaterThan(data.customerIds().size());
    }

    @Test
    void aPriceOneTenThousandthOffInTheRawLinesIsADisagreement() throws IOException {
        Dataset data = slice();
        List<OrderEvent> altered = new ArrayList<>(data.events());
        int i = 0;
        while (altered.get(i).order() == null) {
            i++;
        }
        Order o = altered.get(i).order();
        List<LineItem> lines = new ArrayList<>(o.lines());
        LineItem l = lines.get(0);
        lines.set(
                0,
                new LineItem(
                        l.productId(),
                        l.name(),
                        l.category(),
                        l.quantity(),
                        l.unitPrice().add(new BigDecimal("0.0001"))));
        altered.set(
                i,
                OrderEvent.delivered(
                        new Order(o.orderId(), Customer.of(o.customerId()), o.placedAt(), lines, o.country()),
                        o.placedAt()));
        try (Analytics library = Replay.analytics(new InMemoryAnalyticsStore(), CLOCK);
                DuckDbPeer peer = new DuckDbPeer()) {
            Replay.recordAll(library, data.events(), 500);
            peer.load(altered, OnlineRetailMapping.ZONE, CLOCK);
            String id = o.customerId();

            assertThatThrownBy(() -> ReadSideBench.agree(
                            "duckdb",
                            "customer(" + id + ")",
                            peer.customer(id),
                            library.queries().customer(id)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("customer(" + id + "): duckdb answered");
            LocalDate day = o.placedAt().atZone(OnlineRetailMapping.ZONE).toLocalDate();
            assertThatThrownBy(() -> ReadSideBench.agree(
                            "duckdb",
                            "daily",
                            peer.daily(day, day),
                            library.queries().daily(day, day)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void refusesEventsItDoesNotModelAndASecondLoad() {
        Order order = new Order(
                "o-1",
                Customer.of("c-1"),
                Instant.parse("2011-01-04T10:00:00Z"),
                List.of(LineItem.of("p-1", "Mug", "range-21", 2, "1.25")),
                "France");
        try (DuckDbPeer peer = new DuckDbPeer()) {
            assertThatThrownBy(() -> peer.load(List.of(OrderEvent.placed(order)), OnlineRetailMapping.ZONE, CLOCK))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PLACED o-1");
            assertThatThrownBy(() -> peer.customer("c-1"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("load the lines first");
        }
        try (DuckDbPeer peer = new DuckDbPeer()) {
            List<OrderEvent> events = List.of(OrderEvent.delivered(order, order.placedAt()));
            peer.load(events, OnlineRetailMapping.ZONE, CLOCK);
            assertThatThrownBy(() -> peer.load(events, OnlineRetailMapping.ZONE, CLOCK))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already loaded");
        }
    }

    @Test
    void theBenchmarkFindsThePeerAndPrintsItsRowsNextToTheLibrarys() throws IOException {
        Path input = BenchmarksTest.smallRetailFile(dir, 60);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream progress = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            status = Benchmarks.run(
                    new String[] {"--input", input.toString(), "--only", "r", "--runs", "1", "--warmup", "0"},
                    o,
                    progress);
        }
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(report).isZero();
        assertThat(report)
                .contains("r.profile.duckdb.p50")
                .contains("r.top10.duckdb.p50")
                .contains("r.daily30.duckdb.p50")
                .contains("r.dashboard.duckdb.p50")
                .contains("of their answers compared with the library's, all equal");
    }

    /** The first {@value #SLICE} invoices of the shared Online Retail file, or a generated file without it. */
    private Dataset slice() throws IOException {
        for (String candidate : List.of(
                "../../../shared/data/online-retail/online_retail.csv.gz",
                "../../shared/data/online-retail/online_retail.csv.gz")) {
            Path p = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isRegularFile(p)) {
                return Dataset.load(p, SLICE);
            }
        }
        return Dataset.load(BenchmarksTest.smallRetailFile(dir, 200), SLICE);
    }

    private static Set<String> customersOfOrdersAndRefunds(List<OrderEvent> events) {
        Set<String> ids = new LinkedHashSet<>();
        for (OrderEvent e : events) {
            ids.add(e.order() != null ? e.order().customerId() : e.refund().customerId());
        }
        return ids;
    }
}
