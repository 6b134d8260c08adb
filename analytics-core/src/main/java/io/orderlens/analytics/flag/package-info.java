/**
 * Feature flags evaluated locally: on/off, a default value, targeting (customer allow and deny lists, conditions
 * on attributes the host passes), percentage rollouts on GrowthBook's hashing (so a rollout holds the customers
 * GrowthBook would put there), and experiment rules that assign a customer and record the exposure. Definitions
 * are immutable values; {@link io.orderlens.analytics.flag.Flags} evaluates them and counts evaluations per day, and
 * the counts are kept in the store per flag and day ({@link io.orderlens.analytics.flag.FlagDayTally}), read as
 * {@link io.orderlens.analytics.flag.FlagDayStats}.
 */
package io.orderlens.analytics.flag;
