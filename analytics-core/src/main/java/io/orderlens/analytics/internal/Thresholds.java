package io.orderlens.analytics.internal;

import io.orderlens.analytics.ThresholdCrossing;
import io.orderlens.analytics.calc.CustomerTier;
import io.orderlens.analytics.calc.OrderFrequency;
import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.ProductCounters;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the derived classes an applied batch changed: for each product whose units moved, the rating of the stored
 * units against the rating of (stored − batch delta); for each customer whose spend or order count moved, tier and
 * frequency class likewise. Reads the stored rows of the moved products and customers in two bulk reads, right
 * after the batch is applied (by the same thread), so the "after" values are the batch's own unless another
 * instance wrote in between.
 * Thread-safe.
 */
public final class Thresholds {
    private final AnalyticsStore store;
    private final Calculators calc;
    private final Clock clock;

    public Thresholds(AnalyticsStore store, Calculators calc, Clock clock) {
        this.store = store;
        this.calc = calc;
        this.clock = clock;
    }

    /** The crossings caused by {@code delta}, the merged effect of the applied changes of batch {@code batchId}. */
    public List<ThresholdCrossing> crossings(String batchId, Delta delta) {
        List<ThresholdCrossing> out = new ArrayList<>();
        List<String> movedProducts = delta.products().values().stream()
                .filter(c -> c.units() != 0)
                .map(ProductCounters::productId)
                .toList();
        Map<String, ProductCounters> products =
                movedProducts.isEmpty() ? Map.of() : store.read(Aggregate.PRODUCTS, movedProducts);
        for (String productId : movedProducts) {
            ProductCounters change = delta.products().get(productId);
            ProductCounters stored = products.get(productId);
            if (stored == null) {
                continue;
            }
            long after = stored.units();
            BigDecimal from = calc.rating(after - change.units());
            BigDecimal to = calc.rating(after);
            if (from.compareTo(to) != 0) {
                out.add(new ThresholdCrossing.RatingTierChanged(batchId, change.productId(), from, to, after));
            }
        }
        List<String> movedCustomers = delta.customers().values().stream()
                .filter(c -> c.spent() != 0 || c.orders() != 0)
                .map(CustomerCounters::customerId)
                .toList();
        Map<String, CustomerCounters> customers =
                movedCustomers.isEmpty() ? Map.of() : store.read(Aggregate.CUSTOMERS, movedCustomers);
        for (String customerId : movedCustomers) {
            CustomerCounters change = delta.customers().get(customerId);
            CustomerCounters after = customers.get(customerId);
            if (after == null) {
                continue;
            }
            if (change.spent() != 0) {
                BigDecimal spentAfter = MoneyUnits.toAmount(after.spent());
                CustomerTier from = calc.tier(MoneyUnits.toAmount(after.spent() - change.spent()));
                CustomerTier to = calc.tier(spentAfter);
                if (from != to) {
                    out.add(new ThresholdCrossing.CustomerTierChanged(
                            batchId, change.customerId(), from, to, spentAfter));
                }
            }
            if (change.orders() != 0) {
                Duration age = accountAge(after);
                OrderFrequency from = calc.frequency(Math.max(0, after.orders() - change.orders()), age);
                OrderFrequency to = calc.frequency(Math.max(0, after.orders()), age);
                if (from != to) {
                    out.add(new ThresholdCrossing.FrequencyClassChanged(
                            batchId, change.customerId(), from, to, after.orders()));
                }
            }
        }
        return out;
    }

    /** Same rule as the customer profile: since account creation, else since the first order, never negative. */
    private Duration accountAge(CustomerCounters c) {
        Instant now = clock.instant();
        Instant since =
                c.accountCreatedAt() != null ? c.accountCreatedAt() : c.firstOrderAt() != null ? c.firstOrderAt() : now;
        return since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
    }
}
