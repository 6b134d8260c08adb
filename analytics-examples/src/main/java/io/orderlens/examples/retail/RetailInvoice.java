package io.orderlens.examples.retail;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * All rows of one invoice, grouped: rows with the same StockCode and the same UnitPrice are one line with their
 * quantities added (duplicate rows add up); the same StockCode at different prices stays on separate lines.
 *
 * @param invoiceNo   as written; a leading {@code C} marks a cancellation
 * @param customerId  the invoice's customer (every row agrees)
 * @param country     the invoice's country (every row agrees)
 * @param invoiceDate the earliest InvoiceDate of its rows, UK wall-clock time
 * @param lines       in order of first appearance
 * @param firstLine   the file line of its first row
 * @param rows        how many rows it was grouped from
 */
public record RetailInvoice(
        String invoiceNo,
        String customerId,
        String country,
        LocalDateTime invoiceDate,
        List<Line> lines,
        long firstLine,
        int rows) {

    public RetailInvoice {
        lines = List.copyOf(lines);
    }

    /**
     * One line of an invoice.
     *
     * @param quantity the summed Quantity of its rows, negative in cancellations
     */
    public record Line(String stockCode, String description, long quantity, BigDecimal unitPrice) {
        /** quantity × unitPrice, exact (negative in cancellations). */
        public BigDecimal amount() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }

    public boolean isCancellation() {
        return invoiceNo.startsWith("C");
    }
}
