package io.orderlens.analytics;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.testing.AnalyticsFixture;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
    static final int THREADS = 8;
    static final int ORDERS = 100_000;
    static final int PRODUCTS = 20;
    static final int CUSTOMERS = 100;

    /** Deterministic order number n: two lines over shared products and customers. */
    static Order orderNumber(int n) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(n * 97L);
        return order(
                "o-" + n,
                "c-" + (n % CUSTOMERS),
                at,
                line("p-" + (n % PRODUCTS), "cat-" + (n % 3), 1 + n % 4, "12.345"),
                line("p-" + ((n * 7) % PRODUCTS), "cat-" + (n % 3), 1, "0.001"));
    }

    @Test
    void eightThreadsRecordingOneHundredThousandOrdersGiveExactTotals() throws Exception {
        AnalyticsFixture f = new AnalyticsFixture();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int n = thread; n < ORDERS; n += THREADS) {
                    Order o = orderNumber(n);
                    f.analytics.record(OrderEvent.delivered(o, o.placedAt()));
                    if (n % 10 == 0) {
                        // a retry of the same delivery, and every tenth order canceled afterwards
                        f.analytics.record(OrderEvent.delivered(o, o.placedAt()));
                        f.analytics.record(
                                OrderEvent.canceled(o.orderId(), o.placedAt().plusSeconds(5)));
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> d : done) {
            d.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        // the expected totals, folded straight from the generated orders
        Map<String, long[]> products = new HashMap<>();
        Map<String, long[]> customers = new HashMap<>();
        for (int n = 0; n < ORDERS; n++) {
            if (n % 10 == 0) {
                continue;
            }
            Order o = orderNumber(n);
            long total = 0;
            for (var l : o.lines()) {
                long amount = MoneyUnits.of(l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())), "x");
                long[] p = products.computeIfAbsent(l.productId(), k -> new long[2]);
                p[0] += l.quantity();
                p[1] += amount;
                total += amount;
            }
            long[] c = customers.computeIfAbsent(o.customerId(), k -> new long[2]);
            c[0]++;
            c[1] += total;
        }
        products.forEach((id, p) -> {
            var stored = f.store.get(Aggregate.PRODUCTS, id).orElseThrow();
            assertThat(stored.units()).as("units of %s", id).isEqualTo(p[0]);
            assertThat(stored.revenue()).as("revenue of %s", id).isEqualTo(p[1]);
        });
        customers.forEach((id, c) -> {
            var stored = f.store.get(Aggregate.CUSTOMERS, id).orElseThrow();
            assertThat(stored.orders()).as("orders of %s", id).isEqualTo(c[0]);
            assertThat(stored.spent()).as("spend of %s", id).isEqualTo(c[1]);
        });
        assertThat(f.analytics.verify().isClean()).isTrue();
    }
}
