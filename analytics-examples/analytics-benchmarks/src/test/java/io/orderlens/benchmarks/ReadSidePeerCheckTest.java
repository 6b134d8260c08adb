package io.orderlens.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.query.CustomerProfile;
import io.orderlens.analytics.query.DailyStats;
import io.orderlens.analytics.query.Dashboard;
import io.orderlens.analytics.query.ProductRanking;
import io.orderlens.analytics.query.ProductStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the read-side table checks a peer, without DuckDB on the class path: a peer answering from its own copy of
 * the library gets rows and every answer counted; a peer off by one cent in one answer fails the run, naming itself
 * and the call. (The DuckDB peer's own test runs in the {@code peers} profile.)
 */
class ReadSidePeerCheckTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultClassPathHasNoPeer() {
        List<String> problems = new ArrayList<>();

        assertThat(ReadSideBench.discoverPeers(problems)).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void aPeerThatAgreesOnEveryCallGetsItsRowsAndItsChecksCounted() throws IOException {
        Run run = run(new LibraryCopy("copy", null));

        assertThat(run.table)
                .contains("r.profile.copy.p50")
                .contains("r.top10.copy.p50")
                .contains("r.daily30.copy.p50")
                .contains("r.dashboard.copy.p50");
        int calls = 3 * ReadSideBench.CALLS + ReadSideBench.DASHBOARD_CALLS;
        assertThat(run.notes)
                .contains(String.format(
                        Locale.ROOT, "%,d of their answers compared with the library's, all equal", calls))
                .contains("copy: the library again, in memory");
    }

    @Test
    void aPeerOneCentOffOnOneCustomerFailsTheRunNamingItselfAndTheCall() throws IOException {
        Dataset data = Dataset.load(BenchmarksTest.smallRetailFile(dir, 60), Integer.MAX_VALUE);
        String customer = data.customerIds().get(3);

        assertThatThrownBy(() -> run(new LibraryCopy("skewed", customer)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("customer(" + customer + "): skewed answered")
                .hasMessageContaining("where the library in memory answered");
    }

    @Test
    void withoutPeersTheTableSaysHowToAddThem() throws IOException {
        Run run = runWith(List.of());

        assertThat(run.table).doesNotContain(".copy.").contains("r.profile.mongo.p50");
        assertThat(run.notes).contains("no peer on the class path (the peers build, mvn -Ppeers, adds DuckDB)");
    }

    private Run run(ReadSidePeer peer) throws IOException {
        try (peer) {
            return runWith(List.of(peer));
        }
    }

    private Run runWith(List<ReadSidePeer> peers) throws IOException {
        Path input = BenchmarksTest.smallRetailFile(dir, 60);
        BenchOptions opt =
                BenchOptions.parse(new String[] {"--input", input.toString(), "--runs", "1", "--warmup", "0"});
        Dataset data = Dataset.load(input, Integer.MAX_VALUE);
        ResultTable table = new ResultTable();
        Notes notes = new Notes();
        try (InProcessMongo mongo = new InProcessMongo()) {
            ReadSideBench.run(
                    data, opt, mongo, peers, table, notes, new PrintStream(new ByteArrayOutputStream(), true));
        }
        return new Run(print(table::print), print(notes::print));
    }

    private record Run(String table, String notes) {}

    private interface Printer {
        void print(PrintStream out);
    }

    private static String print(Printer printer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            printer.print(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * A peer answering from a second in-memory instance of the library fed the same events; with {@code skewed} set,
     * that customer's total spend is one cent higher than the library's.
     */
    private static final class LibraryCopy implements ReadSidePeer {
        private final String id;
        private final String skewed;
        private Analytics copy;

        LibraryCopy(String id, String skewed) {
            this.id = id;
            this.skewed = skewed;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String describe() {
            return "the library again, in memory";
        }

        @Override
        public void load(List<OrderEvent> events, ZoneId zone, Clock clock) {
            copy = Analytics.builder()
                    .store(new InMemoryAnalyticsStore())
                    .zone(zone)
                    .clock(clock)
                    .build();
            copy.recordAll(events);
        }

        @Override
        public Optional<CustomerProfile> customer(String customerId) {
            Optional<CustomerProfile> p = copy.queries().customer(customerId);
            if (!customerId.equals(skewed) || p.isEmpty()) {
                return p;
            }
            CustomerProfile c = p.get();
            return Optional.of(new CustomerProfile(
                    c.customerId(),
                    c.totalOrders(),
                    c.totalSpent().add(new BigDecimal("0.01")),
                    c.averageOrderValue(),
                    c.totalItems(),
                    c.averageItemsPerOrder(),
                    c.firstOrderAt(),
                    c.lastOrderAt(),
                    c.accountCreatedAt(),
                    c.topItems(),
                    c.favouriteCategories(),
                    c.frequency(),
                    c.timeOfDay(),
                    c.preferredTimeOfDay(),
                    c.tier()));
        }

        @Override
        public List<ProductStats> topProductsByRevenue(int limit) {
            return copy.queries().topProducts(ProductRanking.REVENUE, limit);
        }

        @Override
        public List<DailyStats> daily(LocalDate from, LocalDate to) {
            return copy.queries().daily(from, to);
        }

        @Override
        public Dashboard dashboard(LocalDate from, LocalDate to) {
            return copy.queries().dashboard(from, to);
        }

        @Override
        public void close() {
            if (copy != null) {
                copy.close();
            }
        }
    }
}
