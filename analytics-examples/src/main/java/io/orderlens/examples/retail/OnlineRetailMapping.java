package io.orderlens.examples.retail;

import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import io.orderlens.examples.feed.EventSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * How the Online Retail data set becomes order events. The rules, so that every figure can be checked independently:
 * <ul>
 *   <li>Rows without a CustomerID are skipped. The customer id is the CustomerID without its trailing {@code .0}.</li>
 *   <li>Rows with a CustomerID and an invalid value are skipped and counted in {@link MappingStats}: a negative
 *       UnitPrice, a Quantity of zero or less in an ordinary invoice, a Quantity of zero or more in a {@code C}
 *       invoice (the library accepts neither negative prices nor non-positive quantities). The complete file has no
 *       such row.</li>
 *   <li>Each invoice not starting with {@code C} is one order ({@link OrderEvent#delivered(Order, Instant)}: counted
 *       at once), placed at the earliest InvoiceDate of its rows. Rows with the same StockCode and UnitPrice are one
 *       line with their quantities added; the same StockCode at another price is another line.</li>
 *   <li>Each {@code C} invoice is one {@link Refund#standalone standalone refund} (the file does not link it to the
 *       original invoice), with refund id = the invoice number, dated at its earliest InvoiceDate, one refund line
 *       per (StockCode, UnitPrice) with units = −Quantity and amount = −Quantity × UnitPrice.</li>
 *   <li>Order id = InvoiceNo, product id = StockCode, product name = Description (trimmed), country = the invoice's
 *       Country, times in {@link #ZONE}. Money is exact: UnitPrice is read as a decimal and never rounded.</li>
 *   <li>Category (the data has none) is derived from the StockCode by {@link #category(String)}.</li>
 * </ul>
 * Stateless and thread-safe apart from the sources it creates.
 */
public final class OnlineRetailMapping {
    /** The data's wall-clock zone, and the business zone of a replay. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");
    /** Category of stock codes that do not start with five digits: postage, fees, manual entries, vouchers. */
    public static final String OTHER_CATEGORY = "other";

    private OnlineRetailMapping() {}

    /**
     * The category of a stock code: {@code "range-NN"} for codes that start with five digits, NN being the first two
     * ({@code 85123A} → {@code range-85}); {@value #OTHER_CATEGORY} for everything else ({@code POST}, {@code M},
     * {@code AMAZONFEE}, {@code gift_0001_20}, …).
     */
    public static String category(String stockCode) {
        if (stockCode.length() >= 5) {
            for (int i = 0; i < 5; i++) {
                char c = stockCode.charAt(i);
                if (c < '0' || c > '9') {
                    return OTHER_CATEGORY;
                }
            }
            return RANGES[(stockCode.charAt(0) - '0') * 10 + stockCode.charAt(1) - '0'];
        }
        return OTHER_CATEGORY;
    }

    /** {@code range-00} .. {@code range-99}, by their number. */
    private static final String[] RANGES = new String[100];

    static {
        for (int i = 0; i < RANGES.length; i++) {
            RANGES[i] = "range-" + (char) ('0' + i / 10) + (char) ('0' + i % 10);
        }
    }

    /** A UK wall-clock time as an instant (in the autumn hour that occurs twice, the earlier one). */
    public static Instant instant(LocalDateTime ukTime) {
        return ukTime.atZone(ZONE).toInstant();
    }

    /**
     * Why a row with a CustomerID cannot be part of an order or refund, or null if it can. Rows without a
     * CustomerID are not judged here; they are skipped before.
     */
    public static String invalidReason(RetailRow row) {
        if (row.unitPrice().signum() < 0) {
            return "negative UnitPrice";
        }
        if (row.isCancellation() ? row.quantity() >= 0 : row.quantity() <= 0) {
            return row.isCancellation() ? "Quantity >= 0 in a cancellation" : "Quantity <= 0 in an order";
        }
        return null;
    }

    /**
     * The event of one invoice: a delivered order, or a refunded event carrying a standalone refund for a {@code C}
     * invoice. The invoice's rows must have passed {@link #invalidReason}.
     *
     * @throws RetailFormatException if a line's summed quantity does not fit an int
     */
    public static OrderEvent toEvent(RetailInvoice invoice) {
        Instant at = instant(invoice.invoiceDate());
        if (invoice.isCancellation()) {
            List<RefundLine> lines = new ArrayList<>(invoice.lines().size());
            for (RetailInvoice.Line l : invoice.lines()) {
                int units = quantity(-l.quantity(), invoice);
                BigDecimal amount = l.unitPrice().multiply(BigDecimal.valueOf(units));
                lines.add(new RefundLine(l.stockCode(), units, amount, category(l.stockCode())));
            }
            return OrderEvent.refunded(
                    Refund.standalone(invoice.invoiceNo(), invoice.customerId(), at, lines, invoice.country()));
        }
        List<LineItem> lines = new ArrayList<>(invoice.lines().size());
        for (RetailInvoice.Line l : invoice.lines()) {
            lines.add(new LineItem(
                    l.stockCode(),
                    l.description().trim(),
                    category(l.stockCode()),
                    quantity(l.quantity(), invoice),
                    l.unitPrice()));
        }
        Order order = new Order(invoice.invoiceNo(), Customer.of(invoice.customerId()), at, lines, invoice.country());
        return OrderEvent.delivered(order, at);
    }

    /**
     * The events of a whole file, one per invoice, with the default grouping window; {@code rows} is an
     * {@link OnlineRetailReader} or {@link TimedRows} over one.
     */
    public static Source events(RowSource rows) {
        return new Source(rows, InvoiceGrouper.DEFAULT_WINDOW);
    }

    /** The events of a whole file, one per invoice; see {@link InvoiceGrouper} for {@code window}. */
    public static Source events(RowSource rows, int window) {
        return new Source(rows, window);
    }

    private static int quantity(long q, RetailInvoice invoice) {
        if (q > Integer.MAX_VALUE) {
            throw new RetailFormatException(
                    invoice.firstLine(),
                    "invoice " + invoice.invoiceNo() + " has a line whose quantities add up to " + q
                            + ", more than a quantity can hold");
        }
        return (int) q;
    }

    /**
     * Reads, filters and groups rows and yields one event per invoice. Read errors surface from {@link #hasNext()}
     * and {@link #next()} as {@link RetailFormatException} or {@link java.io.UncheckedIOException}.
     */
    public static final class Source implements EventSource {
        private final RowSource reader;
        private final InvoiceGrouper grouper;
        private final MappingStats stats = new MappingStats();
        private OrderEvent pending;
        private boolean done;

        private Source(RowSource reader, int window) {
            this.reader = Objects.requireNonNull(reader, "reader");
            this.grouper = new InvoiceGrouper(this::nextMappableRow, window);
        }

        /** Counts so far; complete once the source is exhausted. */
        public MappingStats stats() {
            return stats;
        }

        @Override
        public double progress() {
            return done ? 1.0 : reader.progress();
        }

        @Override
        public boolean hasNext() {
            if (pending == null && !done) {
                RetailInvoice invoice = grouper.next();
                if (invoice == null) {
                    done = true;
                } else {
                    stats.mergedRows += invoice.rows() - invoice.lines().size();
                    if (invoice.isCancellation()) {
                        stats.refunds++;
                    } else {
                        stats.orders++;
                    }
                    pending = toEvent(invoice);
                }
            }
            return pending != null;
        }

        @Override
        public OrderEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more invoices");
            }
            OrderEvent e = pending;
            pending = null;
            return e;
        }

        private RetailRow nextMappableRow() {
            while (true) {
                RetailRow row = reader.next();
                if (row == null) {
                    return null;
                }
                stats.rowsRead++;
                if (!row.hasCustomer()) {
                    stats.rowsWithoutCustomer++;
                    continue;
                }
                String reason = invalidReason(row);
                if (reason == null) {
                    stats.rowsMapped++;
                    return row;
                }
                if (row.unitPrice().signum() < 0) {
                    stats.rowsNegativePrice++;
                } else if (row.isCancellation()) {
                    stats.rowsNonNegativeQuantityInCancellation++;
                } else {
                    stats.rowsNonPositiveQuantityInOrder++;
                }
            }
        }
    }
}
