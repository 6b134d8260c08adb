/**
 * Customer lifetime value: historic value from the counters, and the predictive BG/NBD and Gamma-Gamma models
 * (Fader, Hardie and Lee 2005) fitted by maximum likelihood ({@link io.orderlens.analytics.clv.BgNbd},
 * {@link io.orderlens.analytics.clv.GammaGamma}), with per-customer predictions reached through
 * {@code Analytics.lifetimeValue()} ({@link io.orderlens.analytics.clv.LifetimeValues}). Model predictions are
 * statistical estimates computed in double precision; money amounts derived from them are rounded to 1/10,000 of the
 * currency. Every type here is immutable or stateless and thread-safe.
 */
package io.orderlens.analytics.clv;
