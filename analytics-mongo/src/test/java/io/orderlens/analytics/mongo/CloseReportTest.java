package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.MongoFixture.analyticsOver;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.async.AsyncOptions;
import io.orderlens.analytics.async.CloseReport;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.Aggregate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code close(timeout)} on MongoDB sorts what it held into applied, not applied and outcome unknown: a write whose
 * reply was lost is looked up after recovery instead of being reported as unapplied.
 */
class CloseReportTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private MongoDatabase db;
    private FaultyCollections faulty;
    private MongoAnalyticsStore store;

    @BeforeEach
    void openStore() {
        db = mongo.freshDatabase();
        store = MongoAnalyticsStore.builder(db)
                .collections(c -> faulty = new FaultyCollections(c))
                .build();
    }

    private Analytics asyncOnce() {
        return analyticsOver(store)
                .async(AsyncOptions.builder()
                        .storeAttempts(1)
                        .retryParkedEvery(Duration.ZERO)
                        .sleeper(d -> {})
                        .build())
                .build();
    }

    private static OrderEvent delivered(String id) {
        Order o = new Order(
                id,
                Customer.of("c-" + id),
                Instant.parse("2026-04-02T10:00:00Z"),
                List.of(LineItem.of("p-1", null, "cat", 2, "1.25")),
                "DE");
        return OrderEvent.delivered(o, o.placedAt());
    }

    @Test
    void anEventWhoseLedgerWriteLandedButWhoseReplyWasLostIsReportedApplied() {
        Analytics analytics = asyncOnce();
        faulty.failAfterWrite(2); // the ledger write lands, its reply is lost
        OrderEvent e = delivered("o-1");
        CompletableFuture<RecordOutcome> f = analytics.submit(e);
        assertThat(analytics.flush(WAIT).unapplied()).containsExactly(e);

        CloseReport report = analytics.close(WAIT);

        assertThat(report.applied()).containsExactly(e);
        assertThat(report.notApplied()).isEmpty();
        assertThat(report.outcomeUnknown()).isEmpty();
        assertThat(f).isCompletedWithValue(RecordOutcome.DUPLICATE);
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isEqualTo(2);
    }

    @Test
    void whileTheStoreCannotBeRecoveredSuchAnEventIsUnknownAndResendingItLaterCountsItOnce() {
        Analytics analytics = asyncOnce();
        faulty.failAfterWrite(2);
        OrderEvent e = delivered("o-1");
        analytics.submit(e);
        assertThat(analytics.flush(WAIT).unapplied()).containsExactly(e);
        faulty.failAfterEvery(() -> 1); // every later write (the final re-try, the recovery) loses its reply

        CloseReport report = analytics.close(WAIT);
        faulty.stopFailing();

        assertThat(report.outcomeUnknown()).containsExactly(e);
        assertThat(report.toResend()).containsExactly(e);
        MongoAnalyticsStore again = MongoAnalyticsStore.create(db);
        Analytics restarted = analyticsOver(again).build();
        restarted.recover();
        assertThat(restarted.record(e)).isEqualTo(RecordOutcome.DUPLICATE);
        assertThat(again.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isEqualTo(2);
        assertThat(restarted.verify().isClean()).isTrue();
        restarted.close();
    }
}
