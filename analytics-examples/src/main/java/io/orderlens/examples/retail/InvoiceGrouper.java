package io.orderlens.examples.retail;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Groups a stream of rows into {@link RetailInvoice}s with bounded memory. The rows of an invoice need not be
 * contiguous: an invoice stays open until {@code window} further rows have passed without one of its rows, and is
 * then complete. A row of an invoice that was already completed fails with a {@link RetailFormatException} rather
 * than producing a second, partial invoice. Memory holds the open invoices (at most {@code window} rows) plus the
 * numbers of completed invoices and the canonical forms of at most 65,536 distinct prices. Not thread-safe.
 */
public final class InvoiceGrouper {
    /** The default window: rows of one invoice may lie up to this many rows apart. */
    public static final int DEFAULT_WINDOW = 10_000;

    private final Supplier<RetailRow> rows;
    private final int window;
    /** Open invoices, least recently touched first. */
    private final LinkedHashMap<String, Builder> open = new LinkedHashMap<>(256, 0.75f, true);

    private final Map<String, Long> completed = new HashMap<>();
    private final ArrayDeque<RetailInvoice> ready = new ArrayDeque<>();
    private final CanonicalPrices prices = new CanonicalPrices();
    private long index;
    /**
     * No open invoice can be stale before this row index: the least recently touched one was last touched at
     * {@code staleCheckAt - window - 1} or later (touching an invoice makes another the least recent, and that one was
     * touched no earlier).
     */
    private long staleCheckAt;
    /**
     * The invoice of the previous row: still open (it was touched last, so it cannot be stale) and already the most
     * recently touched, so a row of the same invoice needs no lookup.
     */
    private Builder previous;

    private boolean exhausted;

    /**
     * @param rows   yields the rows to group, null at the end
     * @param window how many rows apart the rows of one invoice may be, at least 1
     */
    public InvoiceGrouper(Supplier<RetailRow> rows, int window) {
        this.rows = Objects.requireNonNull(rows, "rows");
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1 row, got " + window);
        }
        this.window = window;
    }

    public InvoiceGrouper(Supplier<RetailRow> rows) {
        this(rows, DEFAULT_WINDOW);
    }

    /**
     * The next complete invoice, or null when all rows are grouped.
     *
     * @throws RetailFormatException if an invoice's rows disagree on customer or country, or lie more than the
     *                               window apart
     */
    public RetailInvoice next() {
        while (ready.isEmpty() && !exhausted) {
            RetailRow row = rows.get();
            if (row == null) {
                exhausted = true;
                List<Builder> rest = new ArrayList<>(open.values());
                rest.sort(Comparator.comparingLong(b -> b.firstLine));
                rest.forEach(b -> ready.add(b.build()));
                open.clear();
                break;
            }
            index++;
            Builder b = previous;
            if (b == null || !b.invoiceNo.equals(row.invoiceNo())) {
                Long endedAt = completed.get(row.invoiceNo());
                if (endedAt != null) {
                    throw new RetailFormatException(
                            row.line(),
                            "invoice " + row.invoiceNo() + " continues here, more than "
                                    + window + " rows after its previous row on line " + endedAt
                                    + "; the rows of an invoice must lie within " + window + " rows of each other");
                }
                b = open.get(row.invoiceNo());
                if (b == null) {
                    b = new Builder(row);
                    open.put(row.invoiceNo(), b);
                }
                previous = b;
            }
            b.add(row, index, prices);
            if (index >= staleCheckAt) {
                closeStale();
            }
        }
        return ready.poll();
    }

    private void closeStale() {
        Iterator<Builder> it = open.values().iterator();
        while (it.hasNext()) {
            Builder eldest = it.next();
            if (index - eldest.lastIndex <= window) {
                staleCheckAt = eldest.lastIndex + window + 1;
                return;
            }
            it.remove();
            completed.put(eldest.invoiceNo, eldest.lastLine);
            ready.add(eldest.build());
        }
        staleCheckAt = index + window + 1;
    }

    /** An invoice being assembled. */
    private static final class Builder {
        final String invoiceNo;
        final String customerId;
        final String country;
        final long firstLine;
        LocalDateTime earliest;
        long lastIndex;
        long lastLine;
        int rowCount;
        /** The lines by stock code and price, in the order of their first rows. */
        final Map<LineKey, LineSum> lines = new LinkedHashMap<>();

        Builder(RetailRow first) {
            this.invoiceNo = first.invoiceNo();
            this.customerId = first.customerId();
            this.country = first.country();
            this.firstLine = first.line();
            this.earliest = first.invoiceDate();
        }

        void add(RetailRow row, long index, CanonicalPrices prices) {
            if (!Objects.equals(customerId, row.customerId())) {
                throw new RetailFormatException(
                        row.line(),
                        "invoice " + invoiceNo + " belongs to customer " + customerId + " (line " + firstLine
                                + ") but this row names customer " + row.customerId());
            }
            if (!country.equals(row.country())) {
                throw new RetailFormatException(
                        row.line(),
                        "invoice " + invoiceNo + " ships to " + country + " (line " + firstLine
                                + ") but this row names " + row.country());
            }
            if (row.invoiceDate().isBefore(earliest)) {
                earliest = row.invoiceDate();
            }
            LineKey key = new LineKey(row.stockCode(), prices.canonical(row.unitPrice()));
            LineSum line = lines.get(key);
            if (line == null) {
                lines.put(key, new LineSum(row, row.quantity()));
            } else {
                line.quantity = Math.addExact(line.quantity, row.quantity());
            }
            lastIndex = index;
            lastLine = row.line();
            rowCount++;
        }

        RetailInvoice build() {
            List<RetailInvoice.Line> out = new ArrayList<>(lines.size());
            for (LineSum line : lines.values()) {
                RetailRow r = line.first;
                out.add(new RetailInvoice.Line(r.stockCode(), r.description(), line.quantity, r.unitPrice()));
            }
            return new RetailInvoice(invoiceNo, customerId, country, earliest, out, firstLine, rowCount);
        }
    }

    /**
     * Prices in a canonical form, equal for equal amounts whatever their scale ({@code 2.5} and {@code 2.50}); the
     * forms of up to {@value #MAX_KNOWN} distinct prices are kept, so each is computed once. Not thread-safe.
     */
    private static final class CanonicalPrices {
        static final int MAX_KNOWN = 1 << 16;
        private final Map<BigDecimal, BigDecimal> known = new HashMap<>();

        BigDecimal canonical(BigDecimal price) {
            BigDecimal c = known.get(price);
            if (c == null) {
                c = price.signum() == 0 ? BigDecimal.ZERO : price.stripTrailingZeros();
                if (known.size() < MAX_KNOWN) {
                    known.put(price, c);
                }
            }
            return c;
        }
    }

    /** A line of an invoice: a stock code at a price (canonical, so that equal amounts are one key). */
    private static final class LineKey {
        final String stockCode;
        final BigDecimal price;

        LineKey(String stockCode, BigDecimal price) {
            this.stockCode = stockCode;
            this.price = price;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LineKey k && stockCode.equals(k.stockCode) && price.equals(k.price);
        }

        @Override
        public int hashCode() {
            return 31 * stockCode.hashCode() + price.hashCode();
        }
    }

    /** The first row of a line and the quantity of all its rows so far. */
    private static final class LineSum {
        final RetailRow first;
        long quantity;

        LineSum(RetailRow first, long quantity) {
            this.first = first;
            this.quantity = quantity;
        }
    }
}
