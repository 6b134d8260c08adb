/**
 * Calculators that derive classes from counters when read: rating tier, order frequency, time of day, customer
 * tier. Each is a functional interface with the documented presets; a host may pass its own lambda, and a failing
 * one is contained and reported as a {@link io.orderlens.analytics.CalculatorException}.
 */
package io.orderlens.analytics.calc;
