package io.orderlens.examples.retail;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A streaming parser for comma-separated values as RFC 4180 writes them: fields separated by commas, records by LF
 * or CRLF; a field may be quoted with {@code "}, and inside quotes a comma or line break is data and {@code ""} is one
 * quote. Reads one record at a time, so memory is bounded by the longest record. Not thread-safe.
 *
 * <p>Malformed input fails with a {@link RetailFormatException} naming the line the record starts on: a quote inside
 * an unquoted field, text after a closing quote, a quoted field that never ends, a record longer than
 * {@link #MAX_RECORD_CHARS}.
 */
public final class CsvParser {
    /** The longest record accepted; a longer one is almost certainly an unterminated quote. */
    public static final int MAX_RECORD_CHARS = 1 << 20;

    private static final int EOF = -1;

    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private long line = 1;
    private long recordLine;

    /** {@code in} should be buffered or cheap to read in blocks; the parser buffers on its own as well. */
    public CsvParser(Reader in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /** The line the last record returned by {@link #next()} started on (1-based). */
    public long recordLine() {
        return recordLine;
    }

    /**
     * The next record's fields, or null at the end of input. A blank line is a record with one empty field.
     *
     * @throws RetailFormatException if the record is malformed
     * @throws UncheckedIOException if reading fails
     */
    public List<String> next() {
        int c = read();
        if (c == EOF) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>(8);
        StringBuilder field = new StringBuilder(32);
        int recordChars = 0;
        while (true) {
            if (c == '"' && field.length() == 0) {
                c = readQuoted(field);
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                    if (c == '"') {
                        throw new RetailFormatException(
                                line,
                                "a quote inside an unquoted field (field " + (fields.size() + 1)
                                        + "); quote the whole field and double inner quotes");
                    }
                    field.append((char) c);
                    c = read();
                }
            }
            recordChars += field.length() + 1;
            if (recordChars > MAX_RECORD_CHARS) {
                throw new RetailFormatException(recordLine, "record longer than " + MAX_RECORD_CHARS + " characters");
            }
            fields.add(field.toString());
            field.setLength(0);
            if (c == ',') {
                c = read();
                continue;
            }
            if (c == '\r') {
                c = read();
                if (c != '\n' && c != EOF) {
                    throw new RetailFormatException(line, "a carriage return not followed by a line feed");
                }
            }
            if (c == '\n') {
                line++;
            }
            return fields;
        }
    }

    /** Reads a quoted field after its opening quote; returns the character after the closing quote. */
    private int readQuoted(StringBuilder field) {
        long startLine = line;
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new RetailFormatException(startLine, "a quoted field that is never closed");
            }
            if (c == '"') {
                int after = read();
                if (after == '"') {
                    field.append('"');
                    continue;
                }
                if (after != ',' && after != '\n' && after != '\r' && after != EOF) {
                    throw new RetailFormatException(
                            line, "text after the closing quote of a field: '" + (char) after + "'");
                }
                return after;
            }
            if (c == '\n') {
                line++;
            }
            field.append((char) c);
            if (field.length() > MAX_RECORD_CHARS) {
                throw new RetailFormatException(
                        startLine,
                        "a quoted field longer than " + MAX_RECORD_CHARS + " characters (is a closing quote missing?)");
            }
        }
    }

    private int read() {
        if (pos == len) {
            try {
                len = in.read(buf, 0, buf.length);
            } catch (IOException e) {
                throw new UncheckedIOException("reading line " + line + " failed: " + e.getMessage(), e);
            }
            pos = 0;
            if (len <= 0) {
                len = 0;
                return EOF;
            }
        }
        return buf[pos++];
    }
}
