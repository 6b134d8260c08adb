package io.orderlens.analytics.flag;

/** What a flag rule does when its targeting matches. */
public enum RuleType {
    /** Serve the rule's value to every targeted customer. */
    FORCE,
    /**
     * Serve the rule's value to the targeted customers whose GrowthBook rollout hash ({@code hash(seed, customerId,
     * hashVersion) <= coverage}) falls under the coverage; needs a customer id.
     */
    ROLLOUT,
    /**
     * Assign the customer in the rule's experiment (recording the exposure) and serve the assigned variation's key;
     * skipped when the customer is not in the experiment.
     */
    EXPERIMENT
}
