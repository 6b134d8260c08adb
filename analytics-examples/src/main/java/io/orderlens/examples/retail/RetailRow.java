package io.orderlens.examples.retail;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One data row of the Online Retail file, with its fields parsed but not interpreted.
 *
 * @param line        the 1-based line the row starts on (the header is line 1)
 * @param invoiceNo   as written; a leading {@code C} marks a cancellation
 * @param stockCode   as written
 * @param description as written, may be blank
 * @param quantity    as written; negative in cancellations
 * @param invoiceDate UK wall-clock time (Europe/London)
 * @param unitPrice   exact, as written
 * @param customerId  CustomerID without its trailing {@code .0}; null where the file has none
 * @param country     as written
 */
public record RetailRow(
        long line,
        String invoiceNo,
        String stockCode,
        String description,
        int quantity,
        LocalDateTime invoiceDate,
        BigDecimal unitPrice,
        String customerId,
        String country) {

    public RetailRow {
        Objects.requireNonNull(invoiceNo, "invoiceNo");
        Objects.requireNonNull(stockCode, "stockCode");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(invoiceDate, "invoiceDate");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(country, "country");
    }

    /** True for a cancellation invoice (its number starts with {@code C}). */
    public boolean isCancellation() {
        return invoiceNo.startsWith("C");
    }

    public boolean hasCustomer() {
        return customerId != null;
    }
}
