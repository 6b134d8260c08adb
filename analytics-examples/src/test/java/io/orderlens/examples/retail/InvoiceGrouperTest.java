package io.orderlens.examples.retail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceGrouperTest {

    private static List<RetailInvoice> group(int window, String... rows) {
        OnlineRetailReader reader = RetailCsv.reader(rows);
        InvoiceGrouper g = new InvoiceGrouper(reader::next, window);
        List<RetailInvoice> out = new ArrayList<>();
        for (RetailInvoice i = g.next(); i != null; i = g.next()) {
            out.add(i);
        }
        return out;
    }

    @Test
    void contiguousRowsBecomeOneInvoiceEach() {
        List<RetailInvoice> invoices = group(
                10,
                "1,A,a,1,2011-01-01 10:00:00,1.00,7.0,UK",
                "1,B,b,2,2011-01-01 10:00:00,2.00,7.0,UK",
                "2,A,a,3,2011-01-01 11:00:00,1.00,8.0,FR");
        assertThat(invoices).extracting(RetailInvoice::invoiceNo).containsExactly("1", "2");
        RetailInvoice first = invoices.get(0);
        assertThat(first.customerId()).isEqualTo("7");
        assertThat(first.country()).isEqualTo("UK");
        assertThat(first.rows()).isEqualTo(2);
        assertThat(first.firstLine()).isEqualTo(2);
        assertThat(first.lines()).extracting(RetailInvoice.Line::stockCode).containsExactly("A", "B");
    }

    @Test
    void duplicateRowsAddUpAndTheSameCodeAtAnotherPriceStaysASeparateLine() {
        List<RetailInvoice> invoices = group(
                10,
                "1,A,a,1,2011-01-01 10:00:00,1.50,7.0,UK",
                "1,A,a,1,2011-01-01 10:00:00,1.50,7.0,UK",
                "1,A,a,4,2011-01-01 10:00:00,1.5,7.0,UK",
                "1,A,a,5,2011-01-01 10:00:00,1.25,7.0,UK");
        assertThat(invoices).hasSize(1);
        assertThat(invoices.get(0).lines())
                .containsExactly(
                        new RetailInvoice.Line("A", "a", 6, new BigDecimal("1.50")),
                        new RetailInvoice.Line("A", "a", 5, new BigDecimal("1.25")));
    }

    @Test
    void invoiceIsPlacedAtTheEarliestOfItsTimes() {
        List<RetailInvoice> invoices = group(
                10,
                "1,A,a,1,2011-01-01 10:05:00,1,7.0,UK",
                "1,B,b,1,2011-01-01 10:04:00,1,7.0,UK",
                "1,C,c,1,2011-01-01 10:06:00,1,7.0,UK");
        assertThat(invoices.get(0).invoiceDate()).isEqualTo(LocalDateTime.of(2011, 1, 1, 10, 4));
    }

    @Test
    void rowsInterleavedWithinTheWindowJoinTheirInvoice() {
        List<RetailInvoice> invoices = group(
                3,
                "1,A,a,1,2011-01-01 10:00:00,1,7.0,UK",
                "2,A,a,1,2011-01-01 10:01:00,1,8.0,UK",
                "C3,A,a,-1,2011-01-01 10:01:00,1,9.0,UK",
                "1,B,b,1,2011-01-01 10:02:00,1,7.0,UK",
                "4,A,a,1,2011-01-01 10:03:00,1,8.0,UK");
        assertThat(invoices).extracting(RetailInvoice::invoiceNo).containsExactlyInAnyOrder("1", "2", "C3", "4");
        RetailInvoice one = invoices.stream()
                .filter(i -> i.invoiceNo().equals("1"))
                .findFirst()
                .orElseThrow();
        assertThat(one.rows()).isEqualTo(2);
        assertThat(one.lines()).extracting(RetailInvoice.Line::stockCode).containsExactly("A", "B");
    }

    @Test
    void anInvoiceThatReturnsAfterTheWindowFailsInsteadOfBeingCountedTwice() {
        assertThatThrownBy(() -> group(
                        1,
                        "1,A,a,1,2011-01-01 10:00:00,1,7.0,UK",
                        "2,A,a,1,2011-01-01 10:01:00,1,8.0,UK",
                        "3,A,a,1,2011-01-01 10:01:00,1,8.0,UK",
                        "1,B,b,1,2011-01-01 10:02:00,1,7.0,UK"))
                .isInstanceOf(RetailFormatException.class)
                .hasMessage("line 5: invoice 1 continues here, more than 1 rows after its previous row on line 2; "
                        + "the rows of an invoice must lie within 1 rows of each other");
    }

    @Test
    void rowsOfOneInvoiceMustAgreeOnTheCustomer() {
        assertThatThrownBy(
                        () -> group(10, "1,A,a,1,2011-01-01 10:00:00,1,7.0,UK", "1,B,b,1,2011-01-01 10:00:00,1,8.0,UK"))
                .isInstanceOf(RetailFormatException.class)
                .hasMessage("line 3: invoice 1 belongs to customer 7 (line 2) but this row names customer 8");
    }

    @Test
    void rowsOfOneInvoiceMustAgreeOnTheCountry() {
        assertThatThrownBy(() ->
                        group(10, "1,A,a,1,2011-01-01 10:00:00,1,7.0,UK", "1,B,b,1,2011-01-01 10:00:00,1,7.0,France"))
                .isInstanceOf(RetailFormatException.class)
                .hasMessage("line 3: invoice 1 ships to UK (line 2) but this row names France");
    }

    @Test
    void windowMustBePositive() {
        assertThatThrownBy(() -> new InvoiceGrouper(() -> null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window must be at least 1 row, got 0");
    }
}
