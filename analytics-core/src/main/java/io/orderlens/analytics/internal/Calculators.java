package io.orderlens.analytics.internal;

import io.orderlens.analytics.AnalyticsListener;
import io.orderlens.analytics.CalculatorException;
import io.orderlens.analytics.calc.CustomerTier;
import io.orderlens.analytics.calc.CustomerTierPolicy;
import io.orderlens.analytics.calc.FrequencyPolicy;
import io.orderlens.analytics.calc.OrderFrequency;
import io.orderlens.analytics.calc.RatingPolicy;
import io.orderlens.analytics.calc.TimeOfDay;
import io.orderlens.analytics.calc.TimeOfDayPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured calculators, each call contained: if a host-supplied calculator throws or returns null, the preset
 * answers, the failure is logged and reported to listeners. Thread-safe if the calculators are.
 */
public final class Calculators {
    private static final Logger log = LoggerFactory.getLogger(Calculators.class);

    private final RatingPolicy rating;
    private final FrequencyPolicy frequency;
    private final TimeOfDayPolicy timeOfDay;
    private final CustomerTierPolicy tier;
    private final List<AnalyticsListener> listeners;

    private static final RatingPolicy DEFAULT_RATING = RatingPolicy.fourTier();
    private static final FrequencyPolicy DEFAULT_FREQUENCY = FrequencyPolicy.perMonth();
    private static final TimeOfDayPolicy DEFAULT_TIME_OF_DAY = TimeOfDayPolicy.standard();
    private static final CustomerTierPolicy DEFAULT_TIER = CustomerTierPolicy.standard();

    public Calculators(
            RatingPolicy rating,
            FrequencyPolicy frequency,
            TimeOfDayPolicy timeOfDay,
            CustomerTierPolicy tier,
            List<AnalyticsListener> listeners) {
        this.rating = rating;
        this.frequency = frequency;
        this.timeOfDay = timeOfDay;
        this.tier = tier;
        this.listeners = List.copyOf(listeners);
    }

    public BigDecimal rating(long units) {
        return call("rating policy", () -> rating.rating(units), () -> DEFAULT_RATING.rating(units));
    }

    public OrderFrequency frequency(long orders, Duration age) {
        return call(
                "frequency policy",
                () -> frequency.classify(orders, age),
                () -> DEFAULT_FREQUENCY.classify(orders, age));
    }

    public TimeOfDay timeOfDay(int hour) {
        return call("time-of-day policy", () -> timeOfDay.classify(hour), () -> DEFAULT_TIME_OF_DAY.classify(hour));
    }

    public CustomerTier tier(BigDecimal spent) {
        return call("customer tier policy", () -> tier.tier(spent), () -> DEFAULT_TIER.tier(spent));
    }

    private <T> T call(String what, Supplier<T> custom, Supplier<T> preset) {
        RuntimeException failure;
        try {
            T value = custom.get();
            if (value != null) {
                return value;
            }
            failure = new NullPointerException(what + " returned null");
        } catch (RuntimeException e) {
            failure = e;
        }
        CalculatorException error =
                new CalculatorException("the configured " + what + " failed; the preset was used instead", failure);
        log.warn("{}", error.getMessage(), failure);
        for (AnalyticsListener l : listeners) {
            try {
                l.onCalculatorFailure(error);
            } catch (RuntimeException e) {
                log.warn("listener {} failed in onCalculatorFailure", l, e);
            }
        }
        return preset.get();
    }
}
