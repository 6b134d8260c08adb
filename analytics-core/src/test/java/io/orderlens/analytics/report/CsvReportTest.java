package io.orderlens.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CSV output: RFC 4180, UTF-8, plain decimals, formula neutralization, streaming")
class CsvReportTest {
    static final ReportRange RANGE = ReportRange.day(LocalDate.of(2026, 11, 30));

    record Cell(String text, BigDecimal amount) {}

    static final List<String> HOSTILE = List.of(
            "=1+1",
            "+41",
            "-2+3",
            "@SUM(A1:A9)",
            "\tleading tab",
            "\rleading CR",
            "=HYPERLINK(\"http://evil\",\"x\")",
            "say \"hi\"",
            "two\nlines",
            "crlf\r\ninside",
            "a,b,c",
            "naïve café 日本語 😀",
            "trailing =",
            " =space first",
            "",
            "plain");

    static Report<Cell> cells(List<Cell> rows) {
        return Report.<Cell>builder("cells")
                .column(Column.text("text", Cell::text))
                .column(Column.decimal("amount", Cell::amount))
                .rowsFrom(range -> rows)
                .build();
    }

    static String csv(Report<?> report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.writeCsv(RANGE, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser p = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180)) {
            return p.getRecords();
        }
    }

    /** What a cell reads back as: formula starters get a leading apostrophe, everything else is exact. */
    static String expected(String s) {
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    @Test
    void hostileTextCellsReadBackExactlyThroughARealParserWithFormulasNeutralized() throws IOException {
        List<Cell> rows = new ArrayList<>();
        for (String s : HOSTILE) {
            rows.add(new Cell(s, new BigDecimal("-1.50")));
        }
        List<CSVRecord> records = parse(csv(cells(rows)));
        assertThat(records).hasSize(HOSTILE.size() + 1);
        assertThat(records.get(0).values()).containsExactly("text", "amount");
        for (int i = 0; i < HOSTILE.size(); i++) {
            CSVRecord r = records.get(i + 1);
            assertThat(r.size()).as("fields of row %d", i).isEqualTo(2);
            assertThat(r.get(0)).as("row %d", i).isEqualTo(expected(HOSTILE.get(i)));
            assertThat(r.get(1))
                    .as("a negative decimal is a number, not a formula")
                    .isEqualTo("-1.50");
        }
    }

    @Test
    void noTextCellStartsWithAFormulaCharacterOnceParsed() throws IOException {
        List<Cell> rows = HOSTILE.stream().map(s -> new Cell(s, null)).toList();
        for (CSVRecord r : parse(csv(cells(rows)))) {
            String v = r.get(0);
            assertThat(v.isEmpty() || "=+-@\t\r".indexOf(v.charAt(0)) < 0)
                    .as("cell %s", v)
                    .isTrue();
        }
    }

    @Test
    void recordsEndWithCrlfAndOnlyFieldsThatNeedItAreQuoted() {
        String out = csv(cells(List.of(new Cell("plain", new BigDecimal("2")), new Cell("a,b", null))));
        assertThat(out).isEqualTo("text,amount\r\nplain,2\r\n\"a,b\",\r\n");
    }

    @Test
    void aFormulaThatAlsoNeedsQuotingIsQuotedWithTheApostropheInside() {
        String out = csv(cells(List.of(new Cell("=\"x\",1", null))));
        assertThat(out).isEqualTo("text,amount\r\n\"'=\"\"x\"\",1\",\r\n");
    }

    @Test
    void textIsUtf8WithoutAByteOrderMark() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cells(List.of(new Cell("日本 😀", null))).writeCsv(RANGE, out);
        byte[] bytes = out.toByteArray();
        assertThat(bytes[0]).isEqualTo((byte) 't');
        assertThat(bytes).containsSequence("日本 😀".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decimalsArePlainNumbersWithTheirScale() {
        List<Cell> rows = List.of(
                new Cell("a", new BigDecimal("1E+3")),
                new Cell("b", new BigDecimal("0.0001")),
                new Cell("c", new BigDecimal("1234.5000")),
                new Cell("d", new BigDecimal("-7E-7")),
                new Cell("e", new BigDecimal("12345678901234567890.1234")));
        String out = csv(cells(rows));
        assertThat(out.split("\r\n"))
                .containsExactly(
                        "text,amount",
                        "a,1000",
                        "b,0.0001",
                        "c,1234.5000",
                        "d,-0.0000007",
                        "e,12345678901234567890.1234");
    }

    record Typed(long n, int i, LocalDate day, YearMonth month, Instant at, Boolean flag, Object any) {}

    @Test
    void everyColumnTypeHasOneWrittenForm() {
        Report<Typed> r = Report.<Typed>builder("typed")
                .column(Column.integer("n", Typed::n))
                .column(Column.integer("i", Typed::i))
                .column(Column.date("day", Typed::day))
                .column(Column.month("month", Typed::month))
                .column(Column.instant("at", Typed::at))
                .column(Column.bool("flag", Typed::flag))
                .column(Column.text("any", Typed::any))
                .rowsFrom(range -> List.of(
                        new Typed(
                                -5,
                                7,
                                LocalDate.of(2026, 3, 29),
                                YearMonth.of(2026, 2),
                                Instant.parse("2026-03-29T01:30:00Z"),
                                true,
                                Thread.State.NEW),
                        new Typed(0, 0, null, null, null, null, null)))
                .build();
        assertThat(csv(r).split("\r\n"))
                .containsExactly(
                        "n,i,day,month,at,flag,any",
                        "-5,7,2026-03-29,2026-02,2026-03-29T01:30:00Z,true,NEW",
                        "0,0,,,,,");
    }

    @Test
    void instantsAreWrittenExactlyAsInstantToStringWrites() throws IOException {
        java.util.Random random = new java.util.Random(20261201);
        List<Instant> instants = new ArrayList<>(List.of(
                Instant.EPOCH,
                Instant.parse("1900-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.parse("2000-02-29T12:00:00.5Z"),
                Instant.parse("2199-12-31T23:59:59.000001Z"),
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.123Z"),
                Instant.parse("-0001-12-31T00:00:00Z"),
                Instant.parse("+10000-01-01T00:00:00Z")));
        for (int i = 0; i < 5_000; i++) {
            long seconds = -2_208_988_800L + (long) (random.nextDouble() * 9_467_280_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        java.io.StringWriter text = new java.io.StringWriter();
        CsvWriter w = new CsvWriter(text);
        for (Instant t : instants) {
            w.instant(t);
            text.write('\n');
        }
        assertThat(text.toString().split("\n"))
                .containsExactlyElementsOf(
                        instants.stream().map(Instant::toString).toList());
    }

    @Test
    void aCellOfTheWrongTypeFailsNamingTheColumn() {
        Report<String> r = Report.<String>builder("wrong")
                .column(new Column<String>("amount", ColumnType.DECIMAL, s -> s))
                .rowsFrom(range -> List.of("12.5"))
                .build();
        assertThatThrownBy(() -> r.writeCsv(RANGE, new ByteArrayOutputStream()))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("column \"amount\" is DECIMAL but a row gave a java.lang.String");
    }

    @Test
    void aFailingRowSourceOrColumnFailsTheWrite() {
        Report<String> source = Report.<String>builder("source")
                .column(Column.text("t", s -> s))
                .rows((range, row) -> {
                    row.accept("one");
                    throw new IllegalStateException("store down");
                })
                .build();
        assertThatThrownBy(() -> source.writeCsv(RANGE, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("store down");
        Report<String> column = Report.<String>builder("column")
                .column(Column.text("t", s -> s.substring(10)))
                .rowsFrom(range -> List.of("short"))
                .build();
        assertThatThrownBy(() -> column.writeCsv(RANGE, new ByteArrayOutputStream()))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("column \"t\" failed");
        Report<String> nullRow = Report.<String>builder("nulls")
                .column(Column.text("t", s -> s))
                .rowsFrom(range -> Arrays.asList("a", null))
                .build();
        assertThatThrownBy(() -> nullRow.writeCsv(RANGE, new ByteArrayOutputStream()))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("null row");
    }

    @Test
    void aFailingOutputIsAReportExceptionCarryingTheIoError() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        };
        assertThatThrownBy(() -> cells(List.of(new Cell("x", null))).writeCsv(RANGE, broken))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("writing report cells as CSV failed")
                .hasRootCauseMessage("disk full");
    }

    @Test
    void builderRejectsBadNamesDuplicateColumnsAndMissingParts() {
        assertThatThrownBy(() -> Report.builder("Monthly Revenue")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Report.builder("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Report.<String>builder("d")
                        .column(Column.text("a", s -> s))
                        .column(Column.text("a", s -> s)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has a column named \"a\"");
        assertThatThrownBy(() ->
                        Report.<String>builder("e").rowsFrom(r -> List.of()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least one column");
        assertThatThrownBy(() -> Report.<String>builder("f")
                        .column(Column.text("a", s -> s))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("row source");
        assertThatThrownBy(() -> Report.<String>builder("g")
                        .column(Column.text("a", s -> s))
                        .rowsFrom(r -> List.of())
                        .chart(ReportChart.of("a", "b"))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chart column \"b\"");
        assertThatThrownBy(() -> Report.<String>builder("h")
                        .column(Column.text("a", s -> s))
                        .rowsFrom(r -> List.of())
                        .chart(ReportChart.of("a", "a"))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be DECIMAL or INTEGER");
        assertThatThrownBy(() -> Column.text("bad\nname", s -> s)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportRange.of(LocalDate.of(2026, 2, 2), LocalDate.of(2026, 2, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from must not be after to");
    }

    @Test
    void aMillionRowsStreamThroughWithoutBeingHeld() {
        long n = 1_000_000;
        Report<Long> r = Report.<Long>builder("million")
                .column(Column.integer("i", i -> i))
                .column(Column.decimal("amount", i -> BigDecimal.valueOf(i, 4)))
                .column(Column.text("label", i -> i % 3 == 0 ? "=x" : "row"))
                .rows((range, row) -> {
                    for (long i = 0; i < n; i++) {
                        row.accept(i);
                    }
                })
                .build();
        long[] lines = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                if (b == '\n') {
                    lines[0]++;
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        lines[0]++;
                    }
                }
            }
        };
        assertThat(r.writeCsv(RANGE, counting)).isEqualTo(n);
        assertThat(lines[0]).isEqualTo(n + 1);
    }
}
