package io.orderlens.analytics;

import io.orderlens.analytics.calc.CustomerTier;
import io.orderlens.analytics.calc.OrderFrequency;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A derived class of a product or customer changed because of one applied batch: the value the configured
 * calculator gives for the counters after the batch differs from the value for the counters before it. Crossings go
 * both ways (a refund can lower a tier); {@link #upward()} tells which.
 */
public sealed interface ThresholdCrossing {

    /** The store batch that caused the crossing. */
    String batchId();

    /** The product or customer id. */
    String subjectId();

    /** True if the new class is higher than the old one. */
    boolean upward();

    /**
     * Checks the parts every crossing has, in this order: batch id, subject id, old class, new class.
     *
     * @throws NullPointerException naming the first missing part ({@code subjectName} for the subject id)
     */
    private static void requireParts(String batchId, String subjectName, String subjectId, Object from, Object to) {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(subjectId, subjectName);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /**
     * A product's rating tier changed.
     *
     * @param units net units sold after the batch
     */
    record RatingTierChanged(String batchId, String productId, BigDecimal from, BigDecimal to, long units)
            implements ThresholdCrossing {
        public RatingTierChanged {
            requireParts(batchId, "productId", productId, from, to);
        }

        @Override
        public String subjectId() {
            return productId;
        }

        @Override
        public boolean upward() {
            return to.compareTo(from) > 0;
        }
    }

    /**
     * A customer's loyalty tier changed.
     *
     * @param spent net spend after the batch
     */
    record CustomerTierChanged(String batchId, String customerId, CustomerTier from, CustomerTier to, BigDecimal spent)
            implements ThresholdCrossing {
        public CustomerTierChanged {
            requireParts(batchId, "customerId", customerId, from, to);
        }

        @Override
        public String subjectId() {
            return customerId;
        }

        @Override
        public boolean upward() {
            return to.ordinal() > from.ordinal();
        }
    }

    /**
     * A customer's order-frequency class changed.
     *
     * @param orders counted orders after the batch
     */
    record FrequencyClassChanged(String batchId, String customerId, OrderFrequency from, OrderFrequency to, long orders)
            implements ThresholdCrossing {
        public FrequencyClassChanged {
            requireParts(batchId, "customerId", customerId, from, to);
        }

        @Override
        public String subjectId() {
            return customerId;
        }

        @Override
        public boolean upward() {
            return to.ordinal() > from.ordinal();
        }
    }
}
