package io.orderlens.analytics;

import java.time.Duration;
import java.util.Set;

/**
 * A batch the store applied.
 *
 * @param batchId     the store batch id
 * @param events      events in the batch
 * @param changes     ledger entries changed
 * @param productIds  products whose aggregates moved
 * @param customerIds customers whose aggregates moved
 * @param latency     time spent in the store write
 */
public record AppliedBatch(
        String batchId, int events, int changes, Set<String> productIds, Set<String> customerIds, Duration latency) {

    public AppliedBatch {
        productIds = Set.copyOf(productIds);
        customerIds = Set.copyOf(customerIds);
    }
}
