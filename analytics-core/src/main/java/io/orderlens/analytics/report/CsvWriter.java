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
                case INSTANT -> out.write(((Instant) v).toString());
                default -> out.write(v.toString());
            }
        }
        out.write("\r\n");
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
