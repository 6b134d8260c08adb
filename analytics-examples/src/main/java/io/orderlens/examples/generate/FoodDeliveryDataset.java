package io.orderlens.examples.generate;

import io.orderlens.analytics.experiment.Assignment;
import io.orderlens.analytics.experiment.Experiment;
import io.orderlens.analytics.experiment.ExposureEvent;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import io.orderlens.examples.feed.EventSource;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * A realistic, deterministic food-delivery data set: customers in five cities (with their own zones and account
 * ages, some joining during the period), a menu of categories and products, and {@code days} days of orders that
 * move through their lifecycle (placed, accepted, assigned, out for delivery, delivered), some canceled on the way,
 * some refunded in part or in full after delivery, and a few events delivered twice as a retrying host would. Events
 * come out in time order; orders still in flight at the end of the period stay uncounted.
 *
 * <p>The same {@link Spec} always yields the same events (a seeded {@link Random}, whose algorithm Java specifies).
 * Events are produced one day at a time, so memory holds a few days of pending events, never the whole set.
 */
public final class FoodDeliveryDataset {
    /** The business zone of the generated platform. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    /**
     * What to generate.
     *
     * @param seed      same seed, same data
     * @param start     first day, in the business zone
     * @param days      number of days, 1..3650
     * @param customers number of customers, 1..1,000,000
     */
    public record Spec(long seed, LocalDate start, int days, int customers) {
        public Spec {
            if (start == null) {
                throw new IllegalArgumentException("start must not be null");
            }
            if (days < 1 || days > 3650) {
                throw new IllegalArgumentException("days must be 1..3650, got " + days);
            }
            if (customers < 1 || customers > 1_000_000) {
                throw new IllegalArgumentException("customers must be 1..1000000, got " + customers);
            }
        }

        /** 90 days from 3 March 2025 (across the spring clock change), 800 customers. */
        public static Spec defaults(long seed) {
            return new Spec(seed, LocalDate.of(2025, 3, 3), 90, 800);
        }

        /** The end of the period: midnight after its last day, business zone. Events after it are not produced. */
        public Instant end() {
            return start.plusDays(days).atStartOfDay(ZONE).toInstant();
        }

        public LocalDate lastDay() {
            return start.plusDays(days - 1L);
        }
    }

    private record City(String name, String country, ZoneId zone, double weight) {}

    private static final List<City> CITIES = List.of(
            new City("London", "United Kingdom", ZoneId.of("Europe/London"), 0.42),
            new City("Manchester", "United Kingdom", ZoneId.of("Europe/London"), 0.16),
            new City("Dublin", "Ireland", ZoneId.of("Europe/Dublin"), 0.15),
            new City("Lisbon", "Portugal", ZoneId.of("Europe/Lisbon"), 0.12),
            new City("Berlin", "Germany", ZoneId.of("Europe/Berlin"), 0.15));

    /** Meal slots in local time: start, length in minutes, base weight. */
    private record Slot(LocalTime from, int minutes, double weight) {}

    private static final List<Slot> SLOTS = List.of(
            new Slot(LocalTime.of(7, 0), 210, 0.08), // breakfast
            new Slot(LocalTime.of(11, 30), 180, 0.30), // lunch
            new Slot(LocalTime.of(14, 30), 150, 0.08), // afternoon
            new Slot(LocalTime.of(17, 30), 210, 0.42), // dinner
            new Slot(LocalTime.of(21, 0), 179, 0.12)); // late

    private record Person(
            String id, City city, Instant accountCreatedAt, double ordersPer30Days, double[] slots, double[] mains) {}

    private final Spec spec;

    public FoodDeliveryDataset(Spec spec) {
        this.spec = spec;
    }

    public Spec spec() {
        return spec;
    }

    /** A fresh stream of the data set's events, from the start. */
    public EventSource events() {
        return new Events();
    }

    /** Key of the data set's experiment: a "free delivery over 20" banner. */
    public static final String EXPERIMENT = "free-delivery-over-20";

    /** How much more often customers who see the banner order (the experiment's true effect). */
    public static final double BANNER_UPLIFT = 0.25;

    /**
     * The data set's experiment, as a DRAFT definition: control and banner, 50/50, every customer covered, hashed
     * as GrowthBook does (version 2, seed = key), starting a third of the way into the period.
     */
    public Experiment experiment() {
        return Experiment.builder(EXPERIMENT)
                .variations("control", "banner")
                .window(experimentStart(), null)
                .build();
    }

    /**
     * Every customer's exposure to {@link #experiment()}: at its start, or when the customer's account is created if
     * later. Variations are the experiment's own assignment, so the effect built into the orders follows it.
     */
    public List<ExposureEvent> exposures() {
        Experiment e = experiment();
        Assignment assignment = new Assignment(e);
        List<ExposureEvent> out = new ArrayList<>(spec.customers());
        for (Person p : people(new Random(spec.seed()))) {
            Instant at = p.accountCreatedAt().isAfter(experimentStart()) ? p.accountCreatedAt() : experimentStart();
            if (at.isBefore(spec.end())) {
                out.add(new ExposureEvent(
                        EXPERIMENT,
                        p.id(),
                        e.variations().get(assignment.bucket(p.id())).key(),
                        at));
            }
        }
        return out;
    }

    private LocalDate experimentStartDay() {
        return spec.start().plusDays(spec.days() / 3);
    }

    private Instant experimentStart() {
        return experimentStartDay().atStartOfDay(ZONE).toInstant();
    }

    private Set<String> bannerCustomers(List<Person> people) {
        Assignment assignment = new Assignment(experiment());
        Set<String> ids = new HashSet<>();
        for (Person p : people) {
            if (assignment.bucket(p.id()) == 1) {
                ids.add(p.id());
            }
        }
        return ids;
    }

    /** All customers of the data set, in id order. */
    private List<Person> people(Random rnd) {
        List<Person> people = new ArrayList<>(spec.customers());
        Instant periodStart = spec.start().atStartOfDay(ZONE).toInstant();
        long periodSeconds = Duration.between(periodStart, spec.end()).getSeconds();
        int width = Math.max(4, String.valueOf(spec.customers()).length());
        for (int i = 1; i <= spec.customers(); i++) {
            City city = pick(rnd, CITIES.stream().mapToDouble(City::weight).toArray(), CITIES);
            Instant created;
            if (rnd.nextDouble() < 0.15) { // joins during the period
                created = periodStart.plusSeconds((long) (rnd.nextDouble() * periodSeconds * 0.9));
            } else { // up to three years before it
                created = periodStart.minusSeconds(3600L + (long) (rnd.nextDouble() * 3 * 365 * 86_400L));
            }
            double u = rnd.nextDouble();
            double rate = u < 0.58
                    ? 0.4 + rnd.nextDouble() * 1.5 // occasional
                    : u < 0.90
                            ? 2.2 + rnd.nextDouble() * 5.3 // regular
                            : 8.5 + rnd.nextDouble() * 10; // frequent
            double[] slots = new double[SLOTS.size()];
            for (int s = 0; s < slots.length; s++) {
                slots[s] = SLOTS.get(s).weight() * (0.2 + rnd.nextDouble() * 2.2);
            }
            double[] mains = new double[Catalogue.MAINS.size()];
            for (int m = 0; m < mains.length; m++) {
                mains[m] = 0.15 + rnd.nextDouble();
            }
            mains[rnd.nextInt(mains.length)] += 2.5; // a clear favourite
            String id = String.format("c-%0" + width + "d", i);
            people.add(new Person(id, city, created, rate, slots, mains));
        }
        return people;
    }

    private static <T> T pick(Random rnd, double[] weights, List<T> items) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = rnd.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return items.get(i);
            }
        }
        return items.get(items.size() - 1);
    }

    private static <T> T any(Random rnd, List<T> items) {
        return items.get(rnd.nextInt(items.size()));
    }

    private static int poisson(Random rnd, double lambda) {
        double l = Math.exp(-lambda);
        int k = 0;
        double p = rnd.nextDouble();
        while (p > l) {
            k++;
            p *= rnd.nextDouble();
        }
        return k;
    }

    /** An event waiting for its time; {@code seq} keeps the order of generation among equal times. */
    private record Pending(Instant at, long seq, OrderEvent event) {}

    private final class Events implements EventSource {
        private final Random rnd = new Random(spec.seed());
        private final List<Person> people = people(rnd);
        private final Random banner = new Random(spec.seed() ^ 0x5eed_ba22e2L);
        private final Set<String> bannerCustomers = bannerCustomers(people);
        private final PriorityQueue<Pending> queue =
                new PriorityQueue<>(Comparator.comparing(Pending::at).thenComparingLong(Pending::seq));
        private final Instant end = spec.end();
        private int dayIndex;
        private long seq;
        private long orderNo;

        @Override
        public double progress() {
            return Math.min(1.0, (double) dayIndex / spec.days());
        }

        @Override
        public boolean hasNext() {
            while (true) {
                Pending head = queue.peek();
                if (dayIndex >= spec.days()) {
                    return head != null;
                }
                // days before dayIndex are generated; no order of a later day can be placed before that day's
                // earliest midnight in any customer zone, so everything before it is final
                LocalDate next = spec.start().plusDays(dayIndex);
                Instant watermark = CITIES.stream()
                        .map(c -> next.atStartOfDay(c.zone()).toInstant())
                        .min(Comparator.naturalOrder())
                        .orElseThrow();
                if (head != null && head.at().isBefore(watermark)) {
                    return true;
                }
                generateDay(spec.start().plusDays(dayIndex));
                dayIndex++;
            }
        }

        @Override
        public OrderEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the data set has no more events");
            }
            return queue.poll().event();
        }

        private void generateDay(LocalDate day) {
            double weekday = switch (day.getDayOfWeek()) {
                case FRIDAY -> 1.3;
                case SATURDAY -> 1.35;
                case SUNDAY -> 1.15;
                case MONDAY -> 0.85;
                default -> 0.95;
            };
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            for (Person p : people) {
                int n = poisson(rnd, p.ordersPer30Days() / 30.0 * weekday);
                for (int k = 0; k < n; k++) {
                    double[] slotWeights = p.slots().clone();
                    if (weekend) {
                        slotWeights[0] *= 2.5;
                    }
                    Slot slot = pick(rnd, slotWeights, SLOTS);
                    LocalTime time =
                            slot.from().plusMinutes(rnd.nextInt(slot.minutes())).withSecond(rnd.nextInt(60));
                    Instant placed = day.atTime(time).atZone(p.city().zone()).toInstant();
                    if (placed.isBefore(p.accountCreatedAt())) {
                        continue;
                    }
                    lifecycle(rnd, p, placed, slot);
                }
            }
            if (!day.isBefore(experimentStartDay())) {
                extraOrdersOfTheBanner(day, weekday, weekend);
            }
        }

        /**
         * The banner's true effect: customers in its variation order about 25% more often ({@code BANNER_UPLIFT}). The
         * extra orders come from their own random stream, so every other order of the data set is the one the data
         * set has without the experiment.
         */
        private void extraOrdersOfTheBanner(LocalDate day, double weekday, boolean weekend) {
            for (Person p : people) {
                if (!bannerCustomers.contains(p.id())) {
                    continue;
                }
                int n = poisson(banner, p.ordersPer30Days() / 30.0 * weekday * BANNER_UPLIFT);
                for (int k = 0; k < n; k++) {
                    double[] slotWeights = p.slots().clone();
                    if (weekend) {
                        slotWeights[0] *= 2.5;
                    }
                    Slot slot = pick(banner, slotWeights, SLOTS);
                    LocalTime time = slot.from()
                            .plusMinutes(banner.nextInt(slot.minutes()))
                            .withSecond(banner.nextInt(60));
                    Instant placed = day.atTime(time).atZone(p.city().zone()).toInstant();
                    if (placed.isBefore(p.accountCreatedAt()) || placed.isBefore(experimentStart())) {
                        continue;
                    }
                    lifecycle(banner, p, placed, slot);
                }
            }
        }

        private void lifecycle(Random rnd, Person p, Instant placed, Slot slot) {
            String orderId = String.format("o-%06d", ++orderNo);
            Order order = new Order(
                    orderId,
                    new Customer(p.id(), p.accountCreatedAt(), p.city().zone()),
                    placed,
                    basket(rnd, p, slot),
                    p.city().country());
            add(placed, OrderEvent.placed(order));
            Instant t = placed.plusSeconds(30 + rnd.nextInt(240));
            double fate = rnd.nextDouble();
            if (fate < 0.03) { // the customer changes their mind
                add(t, OrderEvent.canceled(orderId, t));
                return;
            }
            add(t, OrderEvent.accepted(orderId, t));
            if (fate < 0.055) { // the restaurant cannot make it
                Instant c = t.plusSeconds(120 + rnd.nextInt(600));
                add(c, OrderEvent.canceled(orderId, c));
                return;
            }
            t = t.plusSeconds(180 + rnd.nextInt(600));
            add(t, OrderEvent.assigned(orderId, t));
            t = t.plusSeconds(480 + rnd.nextInt(900));
            add(t, OrderEvent.outForDelivery(orderId, t));
            t = t.plusSeconds(600 + rnd.nextInt(1500));
            OrderEvent delivered = OrderEvent.delivered(orderId, t);
            add(t, delivered);
            if (rnd.nextDouble() < 0.01) { // a host retrying after a timeout sends it again
                add(t.plusSeconds(5), delivered);
            }
            double refund = rnd.nextDouble();
            if (refund < 0.01) {
                Instant r = t.plusSeconds(600 + rnd.nextInt(86_400));
                add(r, OrderEvent.refunded(Refund.full("rf-" + orderId, orderId, r)));
            } else if (refund < 0.04) {
                Instant r = t.plusSeconds(300 + rnd.nextInt(7200));
                LineItem missing = any(rnd, order.lines());
                add(
                        r,
                        OrderEvent.refunded(Refund.ofLines(
                                "rf-" + orderId, orderId, r, List.of(RefundLine.of(missing.productId(), 1)))));
            }
        }

        private List<LineItem> basket(Random rnd, Person p, Slot slot) {
            List<LineItem> lines = new ArrayList<>(4);
            boolean breakfast = slot == SLOTS.get(0);
            boolean afternoon = slot == SLOTS.get(2);
            String category = breakfast && rnd.nextDouble() < 0.75
                    ? Catalogue.BREAKFAST
                    : afternoon && rnd.nextDouble() < 0.4 ? Catalogue.DESSERTS : pick(rnd, p.mains(), Catalogue.MAINS);
            List<Catalogue.Product> menu = Catalogue.inCategory(category);
            int mains = 1 + (rnd.nextDouble() < 0.35 ? 1 : 0) + (rnd.nextDouble() < 0.1 ? 1 : 0);
            for (int i = 0; i < mains; i++) {
                addLine(lines, any(rnd, menu), rnd.nextDouble() < 0.2 ? 2 : 1);
            }
            if (rnd.nextDouble() < 0.5) {
                addLine(lines, any(rnd, Catalogue.inCategory(Catalogue.DRINKS)), 1 + rnd.nextInt(2));
            }
            if (!breakfast && rnd.nextDouble() < 0.22) {
                addLine(lines, any(rnd, Catalogue.inCategory(Catalogue.DESSERTS)), 1);
            }
            return lines;
        }

        private void addLine(List<LineItem> lines, Catalogue.Product p, int quantity) {
            lines.add(new LineItem(p.id(), p.name(), p.category(), quantity, p.price()));
        }

        private void add(Instant at, OrderEvent event) {
            if (at.isBefore(end)) {
                queue.add(new Pending(at, seq++, event));
            }
        }
    }
}
