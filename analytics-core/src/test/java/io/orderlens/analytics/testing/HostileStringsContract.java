package io.orderlens.analytics.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import io.orderlens.analytics.query.CountrySales;
import io.orderlens.analytics.query.CustomerProfile;
import io.orderlens.analytics.query.ProductStats;
import io.orderlens.analytics.spi.AnalyticsStore;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Random strings, hostile ones included (unpaired surrogates, NUL and other control characters, edge whitespace,
 * very long values), as every id and label of an order through a store (and cache): every string the records accept
 * is read back exactly, every string they reject is rejected before anything was written, and the rule matches an
 * independent statement of it. Deterministic: a fixed seed and a bounded number of cases; failures name the seed and
 * the case. Subclasses supply the analytics under test (zone UTC) and its store.
 */
public abstract class HostileStringsContract {
    protected static final long SEED = 0x5EED_11L;
    private static final Instant AT = Instant.parse("2026-03-10T10:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final String[] ROLES = {
        "orderId", "customerId", "productId", "category", "name", "country", "refundId"
    };

    /** A new, empty analytics instance in zone UTC; closed by the subclass. */
    protected abstract Analytics analytics();

    /** The store under {@link #analytics()}. */
    protected abstract AnalyticsStore store();

    /** Cases per run; each records an order, reads it back and (for refund ids) refunds it. */
    protected int cases() {
        return 140;
    }

    @Test
    void everyAcceptedIdOrLabelIsReadBackExactlyAndEveryRejectedOneWritesNothing() {
        Random random = new Random(SEED);
        int accepted = 0;
        int rejected = 0;
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int i = 0; i < cases(); i++) {
            String role = ROLES[i % ROLES.length];
            String value = hostile(random);
            while (!used.add(role + "/" + value)) { // one customer, product... per case
                value = hostile(random);
            }
            String where = "seed " + SEED + ", case " + i + ", " + role + " = " + escape(value);
            if (runCase(i, role, value, where)) {
                accepted++;
            } else {
                rejected++;
            }
        }
        assertThat(analytics().verify().drifts()).as("seed " + SEED).isEmpty();
        assertThat(accepted).as("accepted cases, seed " + SEED).isGreaterThan(cases() / 5);
        assertThat(rejected).as("rejected cases, seed " + SEED).isGreaterThan(cases() / 5);
    }

    /** Returns whether the value was accepted. */
    private boolean runCase(int i, String role, String value, String where) {
        String orderId = role.equals("orderId") ? value : "o-" + i;
        String customerId = role.equals("customerId") ? value : "c-" + i;
        String productId = role.equals("productId") ? value : "p-" + i;
        String category = role.equals("category") ? value : "cat-" + i;
        String name = role.equals("name") ? value : "Name " + i;
        String country = role.equals("country") ? value : "XX";
        String refundId = role.equals("refundId") ? value : "r-" + i;
        BigDecimal price = BigDecimal.valueOf(1000 + i, 2); // a distinct total per case shows any merge
        boolean expected = wellFormed(role, value);
        String readName = name.isBlank() ? productId : name;
        String readCountry = country.isBlank() ? Order.UNKNOWN_COUNTRY : country;
        long entriesBefore = ledgerEntries();
        Order order;
        Refund refund;
        try {
            order = new Order(
                    orderId,
                    Customer.of(customerId),
                    AT,
                    List.of(new LineItem(productId, name, category, 2, price)),
                    country);
            refund = Refund.ofLines(refundId, orderId, AT.plusSeconds(60), List.of(RefundLine.of(productId, 1)));
        } catch (InvalidEventException e) {
            assertThat(expected)
                    .as("rejected although well-formed: " + where + ": " + e.getMessage())
                    .isFalse();
            assertThat(ledgerEntries()).as("nothing written: " + where).isEqualTo(entriesBefore);
            return false;
        }
        assertThat(expected).as("accepted although malformed: " + where).isTrue();
        Analytics a = analytics();
        assertThat(a.record(OrderEvent.placed(order))).as(where).isEqualTo(RecordOutcome.APPLIED);
        assertThat(a.record(OrderEvent.delivered(orderId, AT))).as(where).isEqualTo(RecordOutcome.APPLIED);
        assertThat(a.record(OrderEvent.placed(order)))
                .as("retried PLACED: " + where)
                .isEqualTo(RecordOutcome.DUPLICATE);
        if (role.equals("refundId")) {
            assertThat(a.record(OrderEvent.refunded(refund))).as(where).isEqualTo(RecordOutcome.APPLIED);
            assertThat(a.record(OrderEvent.refunded(refund)))
                    .as("retried refund: " + where)
                    .isEqualTo(RecordOutcome.DUPLICATE);
        }
        BigDecimal net = role.equals("refundId") ? price : price.multiply(BigDecimal.valueOf(2));
        for (int read = 0; read < 2; read++) { // the second read is served by the cache, if any
            CustomerProfile p = a.queries().customer(customerId).orElseThrow(() -> new AssertionError(where));
            assertThat(p.customerId()).as(where).isEqualTo(customerId);
            assertThat(p.totalSpent()).as(where).isEqualByComparingTo(net);
            assertThat(p.topItems()).as(where).singleElement().satisfies(item -> {
                assertThat(item.productId()).isEqualTo(productId);
                assertThat(item.name()).isEqualTo(readName);
                assertThat(item.category()).isEqualTo(category);
            });
            ProductStats ps = a.queries().product(productId).orElseThrow(() -> new AssertionError(where));
            assertThat(ps.productId()).as(where).isEqualTo(productId);
            assertThat(ps.name()).as(where).isEqualTo(readName);
            assertThat(ps.category()).as(where).isEqualTo(category);
            assertThat(ps.revenue()).as(where).isEqualByComparingTo(net);
            assertThat(a.queries()
                            .category(category)
                            .orElseThrow(() -> new AssertionError(where))
                            .category())
                    .as(where)
                    .isEqualTo(category);
            assertThat(a.queries().dashboard(DAY, DAY).salesByCountry())
                    .as(where)
                    .extracting(CountrySales::country)
                    .contains(readCountry);
        }
        var entry = store().ledger(java.util.Set.of("o:" + orderId)).get("o:" + orderId);
        assertThat(entry).as(where).isNotNull();
        assertThat(entry.order()).as(where).isEqualTo(order);
        if (role.equals("refundId")) {
            assertThat(entry.refunds())
                    .as(where)
                    .singleElement()
                    .satisfies(r -> assertThat(r.refundId()).isEqualTo(refundId));
        }
        return true;
    }

    private long ledgerEntries() {
        AtomicLong n = new AtomicLong();
        store().forEachLedgerEntry(e -> n.incrementAndGet());
        return n.get();
    }

    /**
     * The rule, stated independently of the library: UTF-8 round trip, no control character, length limit, and for
     * ids no surrounding whitespace and not blank.
     */
    static boolean wellFormed(String role, String s) {
        if (s.isBlank()) {
            // a blank name falls back to the product id, a blank country to "unknown"
            return role.equals("name") || role.equals("country");
        }
        if (!new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s)) {
            return false;
        }
        if (s.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
            return false;
        }
        boolean label = role.equals("name");
        if (s.length() > (label ? 500 : 200)) {
            return false;
        }
        return label || !EDGE_SPACE.matcher(s).find();
    }

    private static final java.util.regex.Pattern EDGE_SPACE =
            java.util.regex.Pattern.compile("^[\\p{Z}\\p{javaWhitespace}]|[\\p{Z}\\p{javaWhitespace}]$");

    private static final String[] PIECES = {
        "a",
        "Z",
        "7",
        "-",
        "_",
        ".",
        " ",
        "é",
        "ß",
        "中",
        "€",
        "\uD83D\uDE00",
        "\uD83D",
        "\uDE00",
        "\uDBFF",
        "\u0000",
        "\n",
        "\t",
        "\r",
        "\u007F",
        "\u0085",
        "\u00A0",
        "\u2028",
        "$",
        "|",
        ":",
        "%",
        "\"",
        "\\",
        "'",
        "<",
        "{",
        "\uFEFF",
        "\uFFFD"
    };

    /** Mostly short strings from {@link #PIECES}; some at and beyond the length limits. */
    static String hostile(Random random) {
        int kind = random.nextInt(10);
        StringBuilder sb = new StringBuilder();
        switch (kind) {
            case 0 -> sb.append("x".repeat(200));
            case 1 -> sb.append("y".repeat(201 + random.nextInt(400)));
            case 2 -> sb.append("é".repeat(499 + random.nextInt(3)));
            case 3 -> sb.append("z".repeat(5_000));
            default -> {
                int n = 1 + random.nextInt(8);
                for (int k = 0; k < n; k++) {
                    sb.append(
                            random.nextInt(3) == 0
                                    ? PIECES[random.nextInt(PIECES.length)]
                                    : String.valueOf((char) ('a' + random.nextInt(26))));
                }
            }
        }
        return sb.toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(s.length(), 30);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.append(s.length() > n ? "...\" (" + s.length() + " chars)" : "\"")
                .toString();
    }
}
