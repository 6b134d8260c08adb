package io.orderlens.analytics.query;

import io.orderlens.analytics.calc.CustomerTier;
import io.orderlens.analytics.calc.OrderFrequency;
import io.orderlens.analytics.calc.TimeOfDay;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything known about a customer. Counters are net of refunds and reversals; derived fields are computed on read
 * by the configured calculators. Immutable: the lists and the map are unmodifiable copies, so one instance can be
 * shared by every reader.
 *
 * @param averageOrderValue    totalSpent / totalOrders, 2 decimals half-up; 0 with no orders
 * @param averageItemsPerOrder totalItems / totalOrders, 2 decimals half-up; 0 with no orders
 * @param timeOfDay            counted orders per time-of-day class
 * @param preferredTimeOfDay   the most frequent class (ties: earlier in the day wins); null with no orders
 */
public record CustomerProfile(
        String customerId,
        long totalOrders,
        BigDecimal totalSpent,
        BigDecimal averageOrderValue,
        long totalItems,
        BigDecimal averageItemsPerOrder,
        Instant firstOrderAt,
        Instant lastOrderAt,
        Instant accountCreatedAt,
        List<ItemStat> topItems,
        List<CategoryShare> favouriteCategories,
        OrderFrequency frequency,
        Map<TimeOfDay, Long> timeOfDay,
        TimeOfDay preferredTimeOfDay,
        CustomerTier tier) {

    /** @throws NullPointerException if a list or the map is null or holds a null */
    public CustomerProfile {
        topItems = Immutable.list(topItems, "topItems");
        favouriteCategories = Immutable.list(favouriteCategories, "favouriteCategories");
        timeOfDay = Immutable.enumMap(timeOfDay, TimeOfDay.class, "timeOfDay");
    }
}
