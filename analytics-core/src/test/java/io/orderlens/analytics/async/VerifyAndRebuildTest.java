package io.orderlens.analytics.async;

import static io.orderlens.analytics.async.TestOrders.builder;
import static io.orderlens.analytics.async.TestOrders.delivered;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.DriftReport;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.ProductCounters;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Corrupts the in-memory store's aggregates behind the engine's back, then lets verify find and rebuild fix it. */
class VerifyAndRebuildTest {
    private final InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
    private final Analytics analytics = builder(store).build();
    private final List<OrderEvent> events = delivered(0, 30);

    @AfterEach
    void close() {
        analytics.close();
    }

    @Test
    void aCleanStoreVerifiesWithoutDrift() {
        analytics.recordAll(events);

        DriftReport report = analytics.verify();

        assertThat(report.isClean()).isTrue();
        assertThat(report.ledgerEntries()).isEqualTo(events.size() + 7); // the orders and their 7 customers' entries
    }

    @Test
    void verifyReportsATamperedCounterAndRebuildRestoresIt() {
        analytics.recordAll(events);
        Delta good = store.snapshot();
        long units = store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units();
        Delta tampered = new Delta().addAll(good).add(new ProductCounters("p-1", null, null, 5, 0, 0, null, null));
        store.replaceAggregates(tampered);
        assertThat(analytics.queries().product("p-1").orElseThrow().unitsSold()).isEqualTo(units + 5);

        DriftReport found = analytics.verify();

        assertThat(found.isClean()).isFalse();
        assertThat(found.drifts()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("product");
            assertThat(d.key()).isEqualTo("p-1");
            assertThat(d.expected()).contains("units=" + units);
            assertThat(d.actual()).contains("units=" + (units + 5));
        });

        DriftReport repaired = analytics.rebuild();

        assertThat(repaired).isEqualTo(found);
        assertThat(analytics.verify().isClean()).isTrue();
        assertThat(analytics.queries().product("p-1").orElseThrow().unitsSold()).isEqualTo(units);
        assertThat(store.snapshot().withoutZeros()).isEqualTo(good.withoutZeros());
    }

    @Test
    void verifyReportsAMissingAggregateAndRebuildRecreatesIt() {
        analytics.recordAll(events);
        Delta good = store.snapshot();
        Delta withoutCategory = new Delta();
        good.products().values().forEach(withoutCategory::add);
        good.customers().values().forEach(withoutCategory::add);
        good.customerProducts().values().forEach(withoutCategory::add);
        good.customerCategories().values().forEach(withoutCategory::add);
        good.categories().values().stream()
                .filter(c -> !c.category().equals("cat-0"))
                .forEach(withoutCategory::add);
        good.days().values().forEach(withoutCategory::add);
        good.dayCountries().values().forEach(withoutCategory::add);
        good.funnelDays().values().forEach(withoutCategory::add);
        good.customerDays().values().forEach(withoutCategory::add);
        good.dayCategories().values().forEach(withoutCategory::add);
        store.replaceAggregates(withoutCategory);

        DriftReport found = analytics.verify();

        assertThat(found.drifts()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("category");
            assertThat(d.key()).isEqualTo("cat-0");
            assertThat(d.actual()).isNull();
        });
        analytics.rebuild();
        assertThat(analytics.verify().isClean()).isTrue();
        assertThat(store.get(Aggregate.CATEGORIES, "cat-0"))
                .isEqualTo(good.categories().values().stream()
                        .filter(c -> c.category().equals("cat-0"))
                        .findFirst());
    }

    @Test
    void eventsRecordedAfterARebuildKeepTheStoreConsistent() {
        analytics.recordAll(events.subList(0, 15));
        store.replaceAggregates(new Delta());
        analytics.rebuild();

        try (Analytics async = builder(store)
                .async(AsyncOptions.builder().maxBatchDelay(Duration.ZERO).build())
                .build()) {
            events.subList(15, 30).forEach(async::submit);
            assertThat(async.flush(Duration.ofSeconds(20)).complete()).isTrue();
        }

        assertThat(analytics.verify().isClean()).isTrue();
        assertThat(store.snapshot().withoutZeros()).isEqualTo(TestOrders.reference(events));
    }
}
