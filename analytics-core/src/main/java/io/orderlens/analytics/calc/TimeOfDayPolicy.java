package io.orderlens.analytics.calc;

/** Classifies a local hour (0–23). Pure, thread-safe, replaceable. */
@FunctionalInterface
public interface TimeOfDayPolicy {

    TimeOfDay classify(int localHour);

    /** The seed rule: 06–11 morning, 12–16 afternoon, 17–20 evening, 21–05 night. */
    static TimeOfDayPolicy standard() {
        return hour -> {
            if (hour < 0 || hour > 23) {
                throw new IllegalArgumentException("hour must be 0..23, got " + hour);
            }
            if (hour >= 6 && hour < 12) {
                return TimeOfDay.MORNING;
            }
            if (hour >= 12 && hour < 17) {
                return TimeOfDay.AFTERNOON;
            }
            if (hour >= 17 && hour < 21) {
                return TimeOfDay.EVENING;
            }
            return TimeOfDay.NIGHT;
        };
    }
}
