package io.orderlens.examples.retail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Threads are involved: a deadlock fails the test instead of hanging the build. */
@Timeout(120)
class RowReadAheadTest {

    private static String[] rows(int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] =
                    (500_000 + i) + ",A" + (i % 7) + ",\"MUG, BLUE\",2,2011-01-01 10:00:00,1.25,17850.0,United Kingdom";
        }
        return out;
    }

    private static Set<Thread> parsingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(RowReadAhead.THREAD_NAME))
                .collect(Collectors.toSet());
    }

    @Test
    void rowsArriveInFileOrderWithTheirLinesAndTheParsingTimeIsCounted() {
        int n = RowReadAhead.BATCH_ROWS * 2 + 17;
        List<RetailRow> read = new ArrayList<>();
        try (RowReadAhead rows = RowReadAhead.start(RetailCsv.reader(rows(n)))) {
            for (RetailRow r = rows.next(); r != null; r = rows.next()) {
                read.add(r);
            }
            assertThat(rows.next()).isNull();
            assertThat(rows.progress()).isEqualTo(1.0);
            assertThat(rows.parsingTime()).isPositive();
        }
        assertThat(read).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(read.get(i).invoiceNo()).isEqualTo(Integer.toString(500_000 + i));
            assertThat(read.get(i).line()).isEqualTo(i + 2L);
        }
        assertThat(parsingThreads()).isEmpty();
    }

    @Test
    void aMalformedRowReachesTheConsumerAfterTheRowsBeforeIt() {
        String[] lines = rows(RowReadAhead.BATCH_ROWS + 10);
        lines[RowReadAhead.BATCH_ROWS + 5] = "1,A,x,two,2011-01-01 10:00:00,1,1.0,X";
        int before = 0;
        try (RowReadAhead rows = RowReadAhead.start(RetailCsv.reader(lines))) {
            assertThatThrownBy(() -> {
                        while (rows.next() != null) {
                            // consume
                        }
                    })
                    .isInstanceOf(RetailFormatException.class)
                    .hasMessage("line " + (RowReadAhead.BATCH_ROWS + 7) + ": Quantity must be a whole number, got"
                            + " 'two'");
        }
        try (RowReadAhead rows = RowReadAhead.start(RetailCsv.reader(lines))) {
            try {
                while (rows.next() != null) {
                    before++;
                }
            } catch (RetailFormatException expected) {
                // counted the rows before it
            }
        }
        assertThat(before).isEqualTo(RowReadAhead.BATCH_ROWS + 5);
        assertThat(parsingThreads()).isEmpty();
    }

    @Test
    void closingBeforeTheEndStopsTheParsingThread() {
        RowReadAhead rows =
                RowReadAhead.start(RetailCsv.reader(rows(RowReadAhead.BATCH_ROWS * (RowReadAhead.CAPACITY + 4))));
        assertThat(rows.next()).isNotNull();

        rows.close();

        assertThat(parsingThreads()).isEmpty();
        assertThat(rows.waitingTime().isNegative()).isFalse();
    }

    @Test
    void theMappingReadsThroughItToTheSameEvents() {
        String[] lines = rows(RowReadAhead.BATCH_ROWS + 300);
        List<String> direct = new ArrayList<>();
        OnlineRetailMapping.Source plain = OnlineRetailMapping.events(RetailCsv.reader(lines));
        while (plain.hasNext()) {
            direct.add(plain.next().toString());
        }
        List<String> ahead = new ArrayList<>();
        try (RowReadAhead rows = RowReadAhead.start(RetailCsv.reader(lines))) {
            OnlineRetailMapping.Source source = OnlineRetailMapping.events(rows);
            while (source.hasNext()) {
                ahead.add(source.next().toString());
            }
            assertThat(source.stats().rowsRead()).isEqualTo(lines.length);
        }
        assertThat(ahead).isNotEmpty().isEqualTo(direct);
    }
}
