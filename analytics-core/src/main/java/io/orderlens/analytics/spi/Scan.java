package io.orderlens.analytics.spi;

import java.time.LocalDate;

/**
 * Which rows of one {@link Aggregate} a read visits. {@link #all()} applies to every aggregate,
 * {@link #partition(String)} to the partitioned ones (a customer's rows), {@link #dates(LocalDate, LocalDate)} to
 * the dated ones (days, day × country); {@link Aggregate#check(Scan)} tells. Immutable.
 */
public sealed interface Scan permits Scan.All, Scan.Partition, Scan.Dates {

    /** Every row. */
    static Scan all() {
        return All.INSTANCE;
    }

    /** The rows of one partition, e.g. one customer's products. */
    static Scan partition(String key) {
        return new Partition(key);
    }

    /** The rows dated within {@code [from, to]} (inclusive), visited in ascending key order. */
    static Scan dates(LocalDate from, LocalDate to) {
        return new Dates(from, to);
    }

    /** See {@link Scan#all()}. */
    record All() implements Scan {
        private static final All INSTANCE = new All();
    }

    /** See {@link Scan#partition(String)}. */
    record Partition(String key) implements Scan {
        public Partition {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("a partition key must not be blank");
            }
        }
    }

    /** See {@link Scan#dates(LocalDate, LocalDate)}; years 0000–9999, so that ISO day keys sort as dates. */
    record Dates(LocalDate from, LocalDate to) implements Scan {
        public Dates {
            if (from == null || to == null) {
                throw new IllegalArgumentException("a date range needs both ends, got " + from + ".." + to);
            }
            if (from.isAfter(to)) {
                throw new IllegalArgumentException("from must not be after to, got " + from + ".." + to);
            }
            if (from.getYear() < 0 || to.getYear() > 9999) {
                throw new IllegalArgumentException("dates must be within the years 0000-9999, got " + from + ".." + to);
            }
        }

        /** Whether {@code date} is within the range. */
        public boolean contains(LocalDate date) {
            return date != null && !date.isBefore(from) && !date.isAfter(to);
        }
    }
}
