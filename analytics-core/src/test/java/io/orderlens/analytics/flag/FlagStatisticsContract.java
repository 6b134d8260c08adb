package io.orderlens.analytics.flag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What feature flag statistics need from every store: per-day tallies written by compare-and-set, read back by key,
 * adding up across instances of the host and across restarts, and outside verify and rebuild. A store's test extends
 * this class and supplies a fresh, empty store per test and a second handle on it. Shipped in analytics-core's
 * test-jar.
 */
public abstract class FlagStatisticsContract {
    protected static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
    /** 15:30 in Kolkata on 2026-03-01. */
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static final LocalDate DAY1 = LocalDate.parse("2026-03-01");
    private static final LocalDate DAY2 = LocalDate.parse("2026-03-02");

    protected AnalyticsStore store;
    protected MutableClock clock;
    protected Analytics analytics;
    private final List<Analytics> others = new ArrayList<>();

    /** A fresh, empty store. */
    protected abstract AnalyticsStore newStore();

    /** A second handle on the same data as {@link #store}, as another instance of the host would have. */
    protected abstract AnalyticsStore sameStoreAgain();

    @BeforeEach
    void open() {
        store = newStore();
        clock = new MutableClock(T0);
        analytics = instance(store);
    }

    @AfterEach
    void close() {
        others.forEach(Analytics::close);
        analytics.close();
    }

    /** An instance whose scheduled flush does not run during a test: flushes are explicit or at close. */
    protected Analytics instance(AnalyticsStore s) {
        return Analytics.builder()
                .store(s)
                .zone(ZONE)
                .clock(clock)
                .flagStatistics(Duration.ofHours(1), 1_000)
                .build();
    }

    private Analytics another() {
        Analytics a = instance(sameStoreAgain());
        others.add(a);
        return a;
    }

    private static FeatureFlag staffOnly() {
        return FeatureFlag.bool("beta", FlagRule.force(Targeting.attribute("role", "staff"), "true"));
    }

    private static FeatureFlag colours() {
        return new FeatureFlag(
                "button-colour",
                true,
                null,
                List.of(
                        FlagRule.force(Targeting.customers("c-1", "c-2"), "green"),
                        FlagRule.force(Targeting.attribute("role", "staff"), "$blue.dark")));
    }

    private static void evaluate(Analytics a, String flag, int times, String customer, Map<String, String> attrs) {
        for (int i = 0; i < times; i++) {
            a.flags().value(flag, customer, attrs);
        }
    }

    @Test
    void evaluationsAreCountedPerBusinessDayAndReadBackFromTheStoreOneEntryPerDay() {
        analytics.flags().save(staffOnly());
        evaluate(analytics, "beta", 3, "c-1", Map.of("role", "staff"));
        evaluate(analytics, "beta", 5, "c-2", Map.of());
        clock.set(Instant.parse("2026-03-01T18:30:00Z")); // midnight in Kolkata
        evaluate(analytics, "beta", 2, "c-3", Map.of("role", "staff"));

        assertThat(analytics.flags().statistics("beta", DAY1, DAY2))
                .as("nothing is in the store before a flush")
                .containsExactly(FlagDayStats.none(DAY1), FlagDayStats.none(DAY2));
        assertThat(analytics.flags().flushStatistics()).isEqualTo(2);

        List<FlagDayStats> stats = analytics.flags().statistics("beta", DAY1.minusDays(1), DAY2.plusDays(1));
        assertThat(stats)
                .containsExactly(
                        FlagDayStats.none(DAY1.minusDays(1)),
                        new FlagDayStats(DAY1, 8, 3, Map.of("true", 3L, "false", 5L)),
                        new FlagDayStats(DAY2, 2, 2, Map.of("true", 2L)),
                        FlagDayStats.none(DAY2.plusDays(1)));
        assertThat(stats.get(1).shareOn()).isEqualTo(3.0 / 8);
        assertThat(stats.get(0).shareOn()).isNaN();
        assertThat(analytics.flags().flushStatistics())
                .as("nothing new to write")
                .isZero();
    }

    @Test
    void aFlagWithSeveralValuesIsCountedPerValueWhateverTheValueAndANullValueIsOff() {
        analytics.flags().save(colours());
        evaluate(analytics, "button-colour", 4, "c-1", Map.of());
        evaluate(analytics, "button-colour", 3, "c-9", Map.of("role", "staff"));
        evaluate(analytics, "button-colour", 2, "c-9", Map.of());
        analytics.flags().flushStatistics();

        assertThat(analytics.flags().statistics("button-colour", DAY1, DAY1))
                .containsExactly(new FlagDayStats(DAY1, 9, 7, Map.of("green", 4L, "$blue.dark", 3L)));
    }

    @Test
    void twoInstancesOnOneStoreSeeTheCombinedFigures() {
        analytics.flags().save(staffOnly());
        Analytics other = another();
        evaluate(analytics, "beta", 4, "c-1", Map.of("role", "staff"));
        evaluate(other, "beta", 6, "c-2", Map.of());
        evaluate(other, "beta", 1, "c-3", Map.of("role", "staff"));
        analytics.flags().flushStatistics();
        other.flags().flushStatistics();
        evaluate(analytics, "beta", 2, "c-1", Map.of());
        analytics.flags().flushStatistics();

        FlagDayStats expected = new FlagDayStats(DAY1, 13, 5, Map.of("true", 5L, "false", 8L));
        assertThat(analytics.flags().statistics("beta", DAY1, DAY1)).containsExactly(expected);
        assertThat(other.flags().statistics("beta", DAY1, DAY1)).containsExactly(expected);
        LedgerEntry tally =
                store.ledger(Set.of(FlagDayTally.ledgerKey("beta", DAY1))).get(FlagDayTally.ledgerKey("beta", DAY1));
        assertThat(tally.flagTally().flushes()).as("one mark per instance").hasSize(2);
        assertThat(tally.version()).as("one compare-and-set per flush").isEqualTo(3);
    }

    @Test
    void closingWritesWhatWasCountedAndARestartedInstanceReadsIt() {
        analytics.flags().save(staffOnly());
        evaluate(analytics, "beta", 7, "c-1", Map.of("role", "staff"));
        analytics.close();

        analytics = instance(sameStoreAgain());
        evaluate(analytics, "beta", 3, "c-2", Map.of());
        analytics.close();

        analytics = instance(sameStoreAgain());
        assertThat(analytics.flags().statistics("beta", DAY1, DAY1))
                .containsExactly(new FlagDayStats(DAY1, 10, 7, Map.of("true", 7L, "false", 3L)));
    }

    @Test
    void concurrentInstancesEvaluatingAndFlushingAddUpExactly() throws Exception {
        analytics.flags().save(staffOnly());
        analytics.flags().save(colours());
        List<Analytics> instances = List.of(analytics, another(), another());
        int threadsPerInstance = 2;
        int rounds = 20;
        int perRound = 50;
        ExecutorService pool = Executors.newFixedThreadPool(instances.size() * threadsPerInstance);
        CyclicBarrier start = new CyclicBarrier(instances.size() * threadsPerInstance);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Analytics a : instances) {
                for (int t = 0; t < threadsPerInstance; t++) {
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int r = 0; r < rounds; r++) {
                            evaluate(a, "beta", perRound, "c-1", Map.of("role", "staff"));
                            evaluate(a, "button-colour", perRound, "c-1", Map.of());
                            a.flags().flushStatistics();
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (Analytics a : instances) {
            a.flags().flushStatistics();
        }

        long total = (long) instances.size() * threadsPerInstance * rounds * perRound;
        assertThat(analytics.flags().statistics("beta", DAY1, DAY1))
                .containsExactly(new FlagDayStats(DAY1, total, total, Map.of("true", total)));
        assertThat(analytics.flags().statistics("button-colour", DAY1, DAY1))
                .containsExactly(new FlagDayStats(DAY1, total, total, Map.of("green", total)));
    }

    @Test
    void flagTalliesMoveNoAggregateSoVerifyAndRebuildLeaveThemAsTheyAre() {
        analytics.flags().save(staffOnly());
        evaluate(analytics, "beta", 5, "c-1", Map.of("role", "staff"));
        analytics.flags().flushStatistics();

        assertThat(analytics.verify().isClean()).isTrue();
        assertThat(analytics.rebuild().isClean()).isTrue();
        assertThat(analytics.flags().statistics("beta", DAY1, DAY1))
                .containsExactly(new FlagDayStats(DAY1, 5, 5, Map.of("true", 5L)));
    }

    @Test
    void badStatisticsQueriesAreRefusedWithTheReason() {
        analytics.flags().save(staffOnly());

        assertThatThrownBy(() -> analytics.flags().statistics("nope", DAY1, DAY2))
                .isInstanceOf(InvalidFlagException.class)
                .hasMessage("no flag is defined with key 'nope'");
        assertThatThrownBy(() -> analytics.flags().statistics("beta", DAY2, DAY1))
                .isInstanceOf(InvalidFlagException.class)
                .hasMessage("flag statistics need a range from <= to, got 2026-03-02 to 2026-03-01");
        assertThatThrownBy(() -> analytics.flags().statistics("beta", null, DAY1))
                .isInstanceOf(InvalidFlagException.class)
                .hasMessageContaining("from <= to");
        assertThatThrownBy(() -> analytics.flags().statistics("beta", DAY1, DAY1.plusDays(3_660)))
                .isInstanceOf(InvalidFlagException.class)
                .hasMessage("flag statistics are read for at most 3660 days at once, got 3661 (2026-03-01 to "
                        + DAY1.plusDays(3_660) + ")");
        assertThat(analytics.flags().statistics("beta", DAY1, DAY1.plusDays(3_659)))
                .hasSize(3_660);
    }
}
