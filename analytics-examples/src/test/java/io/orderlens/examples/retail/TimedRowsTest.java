package io.orderlens.examples.retail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimedRowsTest {

    private static String[] rows(int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] =
                    (500_000 + i) + ",A" + (i % 7) + ",\"MUG, BLUE\",2,2011-01-01 10:00:00,1.25,17850.0,United Kingdom";
        }
        return out;
    }

    @Test
    void rowsArriveInFileOrderWithTheirLinesAndTheReadingTimeIsCounted() {
        int n = TimedRows.BATCH_ROWS * 2 + 17;
        TimedRows rows = new TimedRows(RetailCsv.reader(rows(n)));
        assertThat(rows.progress()).isZero();
        List<RetailRow> read = new ArrayList<>();
        for (RetailRow r = rows.next(); r != null; r = rows.next()) {
            read.add(r);
        }

        assertThat(rows.next()).isNull();
        assertThat(rows.readingTime()).isPositive();
        assertThat(read).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(read.get(i).invoiceNo()).isEqualTo(Integer.toString(500_000 + i));
            assertThat(read.get(i).line()).isEqualTo(i + 2L);
        }
    }

    @Test
    void aMalformedRowIsThrownAfterTheRowsBeforeItAndThenTheRowsEnd() {
        String[] lines = rows(TimedRows.BATCH_ROWS + 10);
        lines[TimedRows.BATCH_ROWS + 5] = "1,A,x,two,2011-01-01 10:00:00,1,1.0,X";
        TimedRows rows = new TimedRows(RetailCsv.reader(lines));
        int before = 0;
        while (before < TimedRows.BATCH_ROWS + 5) {
            assertThat(rows.next()).isNotNull();
            before++;
        }

        assertThatThrownBy(rows::next)
                .isInstanceOf(RetailFormatException.class)
                .hasMessage("line " + (TimedRows.BATCH_ROWS + 7) + ": Quantity must be a whole number, got 'two'");
        assertThat(rows.next()).isNull();
    }

    @Test
    void aMalformedFirstRowOfABatchIsThrownAtOnce() {
        String[] lines = rows(TimedRows.BATCH_ROWS + 1);
        lines[TimedRows.BATCH_ROWS] = "1,A,x,2,2011-13-01 10:00:00,1,1.0,X";
        TimedRows rows = new TimedRows(RetailCsv.reader(lines));
        for (int i = 0; i < TimedRows.BATCH_ROWS; i++) {
            assertThat(rows.next()).isNotNull();
        }

        assertThatThrownBy(rows::next)
                .isInstanceOf(RetailFormatException.class)
                .hasMessageStartingWith("line " + (TimedRows.BATCH_ROWS + 2) + ": InvoiceDate must be");
    }

    @Test
    void theMappingReadsThroughItToTheSameEvents() {
        String[] lines = rows(TimedRows.BATCH_ROWS + 300);
        List<String> direct = new ArrayList<>();
        OnlineRetailMapping.Source plain = OnlineRetailMapping.events(RetailCsv.reader(lines));
        while (plain.hasNext()) {
            direct.add(plain.next().toString());
        }
        List<String> timed = new ArrayList<>();
        OnlineRetailMapping.Source source = OnlineRetailMapping.events(new TimedRows(RetailCsv.reader(lines)));
        while (source.hasNext()) {
            timed.add(source.next().toString());
        }

        assertThat(source.stats().rowsRead()).isEqualTo(lines.length);
        assertThat(timed).isNotEmpty().isEqualTo(direct);
    }
}
