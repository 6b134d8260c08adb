package io.orderlens.examples.retail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnlineRetailReaderTest {
    @TempDir
    Path dir;

    @Test
    void rowsKeepExactPricesAndCustomerIdsLoseTheirTrailingZero() {
        OnlineRetailReader r = RetailCsv.reader(
                "536381,82567,\"AIRLINE LOUNGE,METAL SIGN\",2,2010-12-01 09:41:00,0.001,15311.0,United Kingdom",
                "536382,POST,POSTAGE,1,2010-12-01 09:45:00,18.00,,EIRE");
        RetailRow a = r.next();
        assertThat(a.line()).isEqualTo(2);
        assertThat(a.invoiceNo()).isEqualTo("536381");
        assertThat(a.stockCode()).isEqualTo("82567");
        assertThat(a.description()).isEqualTo("AIRLINE LOUNGE,METAL SIGN");
        assertThat(a.quantity()).isEqualTo(2);
        assertThat(a.invoiceDate()).isEqualTo(LocalDateTime.of(2010, 12, 1, 9, 41));
        assertThat(a.unitPrice()).isEqualTo(new BigDecimal("0.001"));
        assertThat(a.customerId()).isEqualTo("15311");
        assertThat(a.country()).isEqualTo("United Kingdom");
        RetailRow b = r.next();
        assertThat(b.customerId()).isNull();
        assertThat(b.hasCustomer()).isFalse();
        assertThat(r.next()).isNull();
        assertThat(r.rowsRead()).isEqualTo(2);
    }

    @Test
    void repeatedStockCodesCustomersAndCountriesAreOneSharedStringEach() {
        OnlineRetailReader r = RetailCsv.reader(
                "536381,82567,SIGN,2,2010-12-01 09:41:00,2.10,15311.0,United Kingdom",
                "536382,POST,POSTAGE,1,2010-12-01 09:45:00,18.00,12583.0,France",
                "536383,82567,SIGN,1,2010-12-01 09:50:00,2.10,15311.0,United Kingdom");
        RetailRow a = r.next();
        RetailRow b = r.next();
        RetailRow c = r.next();

        assertThat(c.stockCode()).isSameAs(a.stockCode());
        assertThat(c.customerId()).isSameAs(a.customerId());
        assertThat(c.country()).isSameAs(a.country());
        assertThat(b.stockCode()).isEqualTo("POST");
        assertThat(b.customerId()).isEqualTo("12583");
    }

    @Test
    void theRowsOfAnInvoiceShareItsNumberDateCustomerAndCountry() {
        OnlineRetailReader r = RetailCsv.reader(
                "536381,82567,SIGN,2,2010-12-01 09:41:00,2.10,15311.0,United Kingdom",
                "536381,22423,CAKESTAND,1,2010-12-01 09:41:00,12.75,15311.0,United Kingdom",
                "536382,22423,CAKESTAND,1,2010-12-01 09:45:00,12.75,15312.0,France");
        RetailRow a = r.next();
        RetailRow b = r.next();
        RetailRow c = r.next();

        assertThat(b.invoiceNo()).isSameAs(a.invoiceNo());
        assertThat(b.invoiceDate()).isSameAs(a.invoiceDate());
        assertThat(b.customerId()).isSameAs(a.customerId());
        assertThat(b.country()).isSameAs(a.country());
        assertThat(c.invoiceNo()).isEqualTo("536382");
        assertThat(c.invoiceDate()).isEqualTo(LocalDateTime.of(2010, 12, 1, 9, 45));
        assertThat(c.customerId()).isEqualTo("15312");
        assertThat(c.country()).isEqualTo("France");
        assertThat(c.unitPrice()).isSameAs(b.unitPrice());
    }

    @Test
    void datesOfOneDayAndOfTheNextAreEachReadExactly() {
        OnlineRetailReader r = RetailCsv.reader(
                "1,A,x,1,2011-01-30 09:00:00,1,,X",
                "2,A,x,1,2011-01-30 17:45:10,1,,X",
                "3,A,x,1,2011-01-31 08:01:00,1,,X",
                "4,A,x,1,2011-02-30 08:01:00,1,,X");
        assertThat(r.next().invoiceDate()).isEqualTo(LocalDateTime.of(2011, 1, 30, 9, 0));
        assertThat(r.next().invoiceDate()).isEqualTo(LocalDateTime.of(2011, 1, 30, 17, 45, 10));
        assertThat(r.next().invoiceDate()).isEqualTo(LocalDateTime.of(2011, 1, 31, 8, 1));
        assertThatThrownBy(r::next)
                .hasMessage("line 5: InvoiceDate must be yyyy-MM-dd HH:mm:ss, got '2011-02-30 08:01:00'");
    }

    @Test
    void valuesBeyondTheSharedLimitAreStillReadExactly() {
        int distinct = OnlineRetailReader.MAX_SHARED_VALUES + 10;
        String[] rows = new String[distinct + 1];
        for (int i = 0; i < distinct; i++) {
            rows[i] = "5" + i + ",S" + i + ",ITEM,1,2010-12-01 09:41:00,1.00,,United Kingdom";
        }
        rows[distinct] = "9,S" + (distinct - 1) + ",ITEM,1,2010-12-01 09:41:00,1.00,,United Kingdom";
        OnlineRetailReader r = RetailCsv.reader(rows);
        RetailRow last = null;
        RetailRow row;
        int read = 0;
        while ((row = r.next()) != null) {
            assertThat(row.stockCode()).isEqualTo("S" + Math.min(read, distinct - 1));
            if (read == distinct - 1) {
                last = row;
            }
            if (read == distinct) {
                assertThat(row.stockCode()).isEqualTo(last.stockCode()).isNotSameAs(last.stockCode());
            }
            read++;
        }
        assertThat(read).isEqualTo(distinct + 1);
    }

    @Test
    void gzipIsRecognisedByItsContentNotItsName() throws IOException {
        Path file = dir.resolve("data.csv");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(RetailCsv.text("C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom")
                    .getBytes(StandardCharsets.UTF_8));
        }
        try (OnlineRetailReader r = OnlineRetailReader.open(file)) {
            RetailRow row = r.next();
            assertThat(row.isCancellation()).isTrue();
            assertThat(row.quantity()).isEqualTo(-1);
            assertThat(r.next()).isNull();
            assertThat(r.progress()).isEqualTo(1.0);
        }
    }

    @Test
    void plainCsvFileIsReadToo() throws IOException {
        Path file = dir.resolve("data.csv.gz");
        Files.writeString(file, RetailCsv.text("1,A,x,1,2011-01-01 10:00:00,1,1.0,X"));
        try (OnlineRetailReader r = OnlineRetailReader.open(file)) {
            assertThat(r.next().customerId()).isEqualTo("1");
        }
    }

    @Test
    void missingFileIsReportedAsSuch() {
        assertThatThrownBy(() -> OnlineRetailReader.open(dir.resolve("nope.csv.gz")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nope.csv.gz");
    }

    @Test
    void directoryIsNotAFile() {
        assertThatThrownBy(() -> OnlineRetailReader.open(dir))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void truncatedGzipFailsAsAnIoProblem() throws IOException {
        Path file = dir.resolve("cut.csv.gz");
        StringBuilder rows = new StringBuilder(OnlineRetailReader.HEADER).append('\n');
        for (int i = 0; i < 5000; i++) {
            rows.append(i).append(",A,x,1,2011-01-01 10:00:00,1.25,1.0,X\n");
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(rows.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = bytes.toByteArray();
        Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> {
                    try (OnlineRetailReader r = OnlineRetailReader.open(file)) {
                        while (r.next() != null) {
                            // read to the end
                        }
                    }
                })
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void wrongHeaderIsRejectedOnLineOne() {
        assertThatThrownBy(() -> OnlineRetailReader.of(
                        new java.io.ByteArrayInputStream("InvoiceNo,StockCode\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(RetailFormatException.class)
                .hasMessageStartingWith("line 1: expected the header InvoiceNo,StockCode,Description");
    }

    @Test
    void emptyFileIsRejected() {
        assertThatThrownBy(() -> OnlineRetailReader.of(new java.io.ByteArrayInputStream(new byte[0])))
                .isInstanceOf(RetailFormatException.class)
                .hasMessageContaining("the file is empty");
    }

    @Test
    void wrongFieldCountNamesTheLine() {
        OnlineRetailReader r = RetailCsv.reader("1,A,x,1,2011-01-01 10:00:00,1,1.0,X", "2,A,x,1,2011-01-01");
        r.next();
        assertThatThrownBy(r::next)
                .isInstanceOf(RetailFormatException.class)
                .hasMessage("line 3: expected 8 fields, got 5");
    }

    @Test
    void emptyLineIsRejected() {
        OnlineRetailReader r = RetailCsv.reader("");
        assertThatThrownBy(r::next).hasMessage("line 2: empty line");
    }

    @Test
    void eachMalformedFieldIsNamedWithItsValue() {
        assertThatThrownBy(RetailCsv.reader("1,A,x,two,2011-01-01 10:00:00,1,1.0,X")::next)
                .hasMessage("line 2: Quantity must be a whole number, got 'two'");
        assertThatThrownBy(RetailCsv.reader("1,A,x,2,01/12/2010 08:26,1,1.0,X")::next)
                .hasMessage("line 2: InvoiceDate must be yyyy-MM-dd HH:mm:ss, got '01/12/2010 08:26'");
        assertThatThrownBy(RetailCsv.reader("1,A,x,2,2011-02-30 10:00:00,1,1.0,X")::next)
                .hasMessage("line 2: InvoiceDate must be yyyy-MM-dd HH:mm:ss, got '2011-02-30 10:00:00'");
        assertThatThrownBy(RetailCsv.reader("1,A,x,2,2011-01-01 10:00:00,1.2.3,1.0,X")::next)
                .hasMessage("line 2: UnitPrice must be a decimal number, got '1.2.3'");
        assertThatThrownBy(RetailCsv.reader("1,A,x,2,2011-01-01 10:00:00,1,17850.5,X")::next)
                .hasMessage("line 2: CustomerID must be a whole number such as 17850.0, got '17850.5'");
        assertThatThrownBy(RetailCsv.reader(",A,x,2,2011-01-01 10:00:00,1,1.0,X")::next)
                .hasMessage("line 2: InvoiceNo must not be empty");
        assertThatThrownBy(RetailCsv.reader("1,A,x,2,2011-01-01 24:00:00,1,1.0,X")::next)
                .hasMessage("line 2: InvoiceDate must be yyyy-MM-dd HH:mm:ss, got '2011-01-01 24:00:00'");
        assertThatThrownBy(RetailCsv.reader("1,A,x,2,,1,1.0,X")::next)
                .hasMessage("line 2: InvoiceDate must be yyyy-MM-dd HH:mm:ss, got ''");
        assertThatThrownBy(RetailCsv.reader("1, ,x,2,2011-01-01 10:00:00,1,1.0,X")::next)
                .hasMessage("line 2: StockCode must not be empty");
    }

    @Test
    void quotedFieldsKeepCommasLineBreaksAndDoubledQuotesAndRowsKeepTheLineTheyStartOn() {
        OnlineRetailReader r = RetailCsv.reader(
                "1,A,\"RECORD FRAME 7\"\" SINGLE, \"\"BLUE\"\"\",1,2011-01-01 10:00:00,1,1.0,X",
                "2,B,\"TWO\nLINES\",1,2011-01-01 10:00:00,1,1.0,X",
                "3,C,\"\",1,2011-01-01 10:00:00,1,1.0,X");
        assertThat(r.next().description()).isEqualTo("RECORD FRAME 7\" SINGLE, \"BLUE\"");
        RetailRow two = r.next();
        assertThat(two.description()).isEqualTo("TWO\nLINES");
        assertThat(two.line()).isEqualTo(3);
        RetailRow three = r.next();
        assertThat(three.description()).isEmpty();
        assertThat(three.line()).isEqualTo(5);
        assertThat(r.next()).isNull();
    }

    @Test
    void crLfEndsARowLikeLf() {
        OnlineRetailReader r = OnlineRetailReader.of(new java.io.ByteArrayInputStream((OnlineRetailReader.HEADER
                        + "\r\n1,A,x,1,2011-01-01 10:00:00,1,1.0,X\r\n" + "2,B,\"y\",2,2011-01-01 10:00:00,1,,X\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(r.next().country()).isEqualTo("X");
        RetailRow b = r.next();
        assertThat(b.line()).isEqualTo(3);
        assertThat(b.description()).isEqualTo("y");
        assertThat(r.next()).isNull();
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsAccepted() {
        OnlineRetailReader r = OnlineRetailReader.of(new java.io.ByteArrayInputStream(
                ("\uFEFF" + RetailCsv.text("1,A,x,1,2011-01-01 10:00:00,1,1.0,X")).getBytes(StandardCharsets.UTF_8)));
        assertThat(r.next().invoiceNo()).isEqualTo("1");
    }

    @Test
    void aQuotedFieldThatIsNeverClosedIsRejectedAtTheLineItsRecordStarts() {
        OnlineRetailReader r = RetailCsv.reader(
                "1,A,x,1,2011-01-01 10:00:00,1,1.0,X", "2,A,\"never closed,1,2011-01-01 10:00:00,1,1.0,X", "3");
        r.next();
        assertThatThrownBy(r::next)
                .isInstanceOf(RetailFormatException.class)
                .hasMessageStartingWith("line 3: malformed CSV: ")
                .extracting(e -> ((RetailFormatException) e).line())
                .isEqualTo(3L);
    }

    @Test
    void aQuotedLastFieldThatIsNeverClosedIsRejectedToo() {
        OnlineRetailReader r = RetailCsv.reader(
                "1,A,x,1,2011-01-01 10:00:00,1,1.0,X", "2,A,x,1,2011-01-01 10:00:00,1,1.0,\"United Kingdom");
        r.next();
        assertThatThrownBy(r::next)
                .isInstanceOf(RetailFormatException.class)
                .hasMessage("line 3: malformed CSV: a quoted field is never closed (it runs to the end of the input)");
    }

    @Test
    void aQuotedLastFieldNeverClosedInAFileWithoutAFinalLineBreakIsRejected() {
        String csv = OnlineRetailReader.HEADER + "\n1,A,x,1,2011-01-01 10:00:00,1,1.0,X\n"
                + "2,A,x,1,2011-01-01 10:00:00,1,1.0,\"United Kingdom";
        OnlineRetailReader r = OnlineRetailReader.of(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        r.next();
        assertThatThrownBy(r::next)
                .isInstanceOf(RetailFormatException.class)
                .hasMessage("line 3: malformed CSV: a quoted field is never closed (it runs to the end of the input)");
    }

    @Test
    void aQuotedLastFieldClosedAtTheEndOfAFileWithoutAFinalLineBreakIsRead() {
        String csv = OnlineRetailReader.HEADER + "\n1,A,x,1,2011-01-01 10:00:00,1,1.0,\"United Kingdom\"";
        OnlineRetailReader r = OnlineRetailReader.of(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.next().country()).isEqualTo("United Kingdom");
        assertThat(r.next()).isNull();
    }

    @Test
    void aQuotedLastFieldWithALineBreakBeforeMoreRowsIsReadAsWritten() {
        OnlineRetailReader r = RetailCsv.reader(
                "1,A,x,1,2011-01-01 10:00:00,1,1.0,\"TWO\nLINES\"", "2,B,x,1,2011-01-01 10:00:00,1,1.0,X");
        assertThat(r.next().country()).isEqualTo("TWO\nLINES");
        RetailRow next = r.next();
        assertThat(next.line()).isEqualTo(4);
        assertThat(next.stockCode()).isEqualTo("B");
        assertThat(r.next()).isNull();
    }

    @Test
    void aRecordWithTooFewFieldsBeforeMoreRowsNamesItsFieldCount() {
        OnlineRetailReader r =
                RetailCsv.reader("1,A,\"TWO\nLINES\",1,2011-01-01 10:00:00", "2,B,x,1,2011-01-01 10:00:00,1,1.0,X");
        assertThatThrownBy(r::next)
                .isInstanceOf(RetailFormatException.class)
                .hasMessage("line 2: expected 8 fields, got 5");
    }

    @Test
    void equalPriceTextsAreOneParsedValue() {
        OnlineRetailReader r = RetailCsv.reader(
                "1,A,x,1,2011-01-01 10:00:00,2.50,1.0,X",
                "1,B,y,1,2011-01-01 10:00:00,2.5,1.0,X",
                "2,C,z,1,2011-01-01 10:00:00,2.50,,X");
        RetailRow a = r.next();
        RetailRow b = r.next();
        RetailRow c = r.next();
        assertThat(a.unitPrice()).isEqualTo(new BigDecimal("2.50"));
        assertThat(b.unitPrice()).isEqualTo(new BigDecimal("2.5"));
        assertThat(c.unitPrice()).isSameAs(a.unitPrice());
    }

    @Test
    void textAfterAClosingQuoteIsRejected() {
        assertThatThrownBy(RetailCsv.reader("1,A,\"abc\"x,1,2011-01-01 10:00:00,1,1.0,X")::next)
                .isInstanceOf(RetailFormatException.class)
                .hasMessageStartingWith("line 2: malformed CSV: ");
    }

    @Test
    void aRecordLongerThanTheLimitFailsBeforeTheRestOfTheFileIsHeld() {
        String longDescription = "y".repeat(OnlineRetailReader.MAX_RECORD_CHARS + (1 << 17));
        OnlineRetailReader r = RetailCsv.reader(
                "1,A,x,1,2011-01-01 10:00:00,1,1.0,X", "2,A,\"" + longDescription + ",1,2011-01-01 10:00:00,1,1.0,X");
        r.next();
        assertThatThrownBy(r::next)
                .isInstanceOf(RetailFormatException.class)
                .hasMessage("line 3: a record longer than " + OnlineRetailReader.MAX_RECORD_CHARS
                        + " characters (is a closing quote missing?)");
    }

    @Test
    void aRecordJustUnderTheLimitIsRead() {
        String description = "z".repeat(OnlineRetailReader.MAX_RECORD_CHARS - 100);
        OnlineRetailReader r = RetailCsv.reader(
                "1,A,\"" + description + "\",1,2011-01-01 10:00:00,1,1.0,X", "2,B,x,1,2011-01-01 10:00:00,1,1.0,X");
        assertThat(r.next().description()).hasSize(description.length());
        assertThat(r.next().stockCode()).isEqualTo("B");
    }

    @Test
    void bytesThatAreNotUtf8FailAsAnIoProblem() throws IOException {
        Path file = dir.resolve("latin1.csv");
        byte[] head = RetailCsv.text().getBytes(StandardCharsets.UTF_8);
        byte[] row = "1,A,\u00ff,1,2011-01-01 10:00:00,1,1.0,X\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(head, head.length + row.length);
        System.arraycopy(row, 0, all, head.length, row.length);
        assertThatThrownBy(() -> OnlineRetailReader.of(new java.io.ByteArrayInputStream(all))
                        .next())
                .isInstanceOf(UncheckedIOException.class)
                .hasRootCauseInstanceOf(java.nio.charset.MalformedInputException.class);
        Files.write(file, all);
        assertThatThrownBy(() -> OnlineRetailReader.open(file).close())
                .isInstanceOf(java.nio.charset.MalformedInputException.class);
    }
}
