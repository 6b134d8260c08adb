package io.orderlens.examples.retail;

/**
 * What the Online Retail mapping did with the rows it read: how many became part of an order or a refund, and how
 * many were skipped and why. Filled while the events are consumed; read it afterwards. Not thread-safe.
 */
public final class MappingStats {
    long rowsRead;
    long rowsWithoutCustomer;
    long rowsNegativePrice;
    long rowsNonPositiveQuantityInOrder;
    long rowsNonNegativeQuantityInCancellation;
    long rowsMapped;
    long mergedRows;
    long orders;
    long refunds;

    /** Data rows read from the file. */
    public long rowsRead() {
        return rowsRead;
    }

    /** Rows skipped because they have no CustomerID. */
    public long rowsWithoutCustomer() {
        return rowsWithoutCustomer;
    }

    /** Rows with a CustomerID skipped because their UnitPrice is negative. */
    public long rowsNegativePrice() {
        return rowsNegativePrice;
    }

    /** Rows of an ordinary invoice with a CustomerID skipped because their Quantity is zero or negative. */
    public long rowsNonPositiveQuantityInOrder() {
        return rowsNonPositiveQuantityInOrder;
    }

    /** Rows of a {@code C} invoice with a CustomerID skipped because their Quantity is zero or positive. */
    public long rowsNonNegativeQuantityInCancellation() {
        return rowsNonNegativeQuantityInCancellation;
    }

    /** Rows with a CustomerID that were skipped for an invalid value (sum of the three reasons). */
    public long rowsInvalid() {
        return rowsNegativePrice + rowsNonPositiveQuantityInOrder + rowsNonNegativeQuantityInCancellation;
    }

    /** Rows that became part of an order or a refund. */
    public long rowsMapped() {
        return rowsMapped;
    }

    /** Mapped rows that were added to an earlier line of the same invoice (same StockCode and UnitPrice). */
    public long mergedRows() {
        return mergedRows;
    }

    /** Ordinary invoices mapped to orders. */
    public long orders() {
        return orders;
    }

    /** Cancellation invoices mapped to standalone refunds. */
    public long refunds() {
        return refunds;
    }

    @Override
    public String toString() {
        return "rows read " + rowsRead + ", mapped " + rowsMapped + " (" + mergedRows + " merged into an earlier line)"
                + ", skipped without CustomerID " + rowsWithoutCustomer + ", skipped invalid " + rowsInvalid()
                + " (negative price " + rowsNegativePrice + ", quantity <= 0 in an order "
                + rowsNonPositiveQuantityInOrder + ", quantity >= 0 in a cancellation "
                + rowsNonNegativeQuantityInCancellation + "); " + orders + " orders, " + refunds + " refunds";
    }
}
