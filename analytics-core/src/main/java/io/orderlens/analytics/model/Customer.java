package io.orderlens.analytics.model;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What the host knows about the customer who placed an order.
 *
 * @param customerId       required; a well-formed id (see {@code Order} for the rules)
 * @param accountCreatedAt when the account was opened, in the supported range; null if unknown (the first order is
 *                         used instead)
 * @param zone             the customer's own zone for time-of-day; null to use the business zone
 */
public record Customer(String customerId, Instant accountCreatedAt, ZoneId zone) {
    public Customer {
        Checks.id(customerId, "customerId", "");
        if (accountCreatedAt != null && !Checks.inRange(accountCreatedAt)) {
            Checks.instant(accountCreatedAt, "accountCreatedAt", Checks.in("customer", customerId));
        }
    }

    /** A customer known by id only. */
    public static Customer of(String customerId) {
        return new Customer(customerId, null, null);
    }
}
