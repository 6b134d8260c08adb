package io.orderlens.analytics.report;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Writes RFC 4180 records: fields separated by commas, records ended by CRLF, a field quoted (and its quotes
 * doubled) when it holds a comma, a quote, CR or LF. Text cells that a spreadsheet would read as a formula (first
 * character {@code = + - @}, tab or CR) get a leading apostrophe, as OWASP recommends; typed cells (integers,
 * decimals, dates, instants, booleans) are written by this class and never start a formula. Not thread-safe; does
 * not buffer (hand it a buffered writer) and does not close the writer.
 */
final class CsvWriter {
    private final Writer out;

    CsvWriter(Writer out) {
        this.out = out;
    }

    /** Writes a header record: every name as a text cell. */
    void header(List<String> names) throws IOException {
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            text(names.get(i));
        }
        out.write("\r\n");
    }

    /** Writes one record of {@code cells} (typed as {@code types}). */
    void record(Object[] cells, ColumnType[] types) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            Object v = cells[i];
            if (v == null) {
                continue;
            }
            switch (types[i]) {
                case TEXT -> text(v.toString());
                case DECIMAL -> out.write(((BigDecimal) v).toPlainString());
                case INSTANT -> instant((Instant) v);
                default -> out.write(v.toString());
            }
        }
        out.write("\r\n");
    }

    /**
     * Writes {@code t} exactly as {@link Instant#toString()} does (ISO-8601 UTC, fraction of 3, 6 or 9 digits when
     * not zero) without a formatter, for years 0000..9999; other years through {@code toString()}.
     */
    void instant(Instant t) throws IOException {
        long seconds = t.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secOfDay = Math.floorMod(seconds, 86_400);
        // civil date from days since 1970-01-01 (proleptic Gregorian, as java.time)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            out.write(t.toString());
            return;
        }
        char[] c = digits;
        put(c, 0, (int) year, 4);
        c[4] = '-';
        put(c, 5, month, 2);
        c[7] = '-';
        put(c, 8, day, 2);
        c[10] = 'T';
        put(c, 11, secOfDay / 3600, 2);
        c[13] = ':';
        put(c, 14, secOfDay / 60 % 60, 2);
        c[16] = ':';
        put(c, 17, secOfDay % 60, 2);
        int n = 19;
        int nanos = t.getNano();
        if (nanos != 0) {
            c[n++] = '.';
            if (nanos % 1_000_000 == 0) {
                put(c, n, nanos / 1_000_000, 3);
                n += 3;
            } else if (nanos % 1_000 == 0) {
                put(c, n, nanos / 1_000, 6);
                n += 6;
            } else {
                put(c, n, nanos, 9);
                n += 9;
            }
        }
        c[n++] = 'Z';
        out.write(c, 0, n);
    }

    private final char[] digits = new char[32];

    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** True if a spreadsheet would evaluate text starting with {@code c}. */
    static boolean startsFormula(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    private void text(String s) throws IOException {
        boolean neutralize = !s.isEmpty() && startsFormula(s.charAt(0));
        boolean quote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            if (neutralize) {
                out.write('\'');
            }
            out.write(s);
            return;
        }
        out.write('"');
        if (neutralize) {
            out.write('\'');
        }
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                out.write(s, start, i - start + 1);
                out.write('"');
                start = i + 1;
            }
        }
        out.write(s, start, s.length() - start);
        out.write('"');
    }
}
