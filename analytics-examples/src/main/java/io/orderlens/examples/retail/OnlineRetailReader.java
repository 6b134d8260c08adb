package io.orderlens.examples.retail;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the rows of the UCI Online Retail CSV file ({@code online_retail.csv.gz} or its uncompressed form), one
 * {@link RetailRow} at a time: memory stays bounded whatever the file size. Not thread-safe; close it when done.
 *
 * <p>The CSV is read by Apache Commons CSV in its RFC 4180 format: fields separated by commas, records by CRLF, LF or
 * CR; a field may be quoted with {@code "}, and inside quotes a comma or line break is data and {@code ""} is one
 * quote (a quote inside an unquoted field is data too). The header must be exactly {@value #HEADER}. Every row must
 * have 8 fields with a non-blank InvoiceNo and StockCode, an integer Quantity, an InvoiceDate
 * {@code yyyy-MM-dd HH:mm:ss}, a decimal UnitPrice and a CustomerID that is empty or a whole number (written
 * {@code 17850.0} or {@code 17850}). Anything else fails with a {@link RetailFormatException} giving the line the
 * record starts on and the reason: a quoted field that is never closed, text after a closing quote, a record longer
 * than {@link #MAX_RECORD_CHARS} characters (almost certainly a missing closing quote), a wrong field count or value.
 * Values are not judged here (negative prices, for instance, are returned as they are); that is the mapping's job.
 */
public final class OnlineRetailReader implements RowSource, Closeable {
    public static final String HEADER =
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID," + "Country";
    /** The longest record accepted, in characters; a longer one is almost certainly an unterminated quote. */
    public static final int MAX_RECORD_CHARS = 1 << 20;

    /**
     * How many distinct stock codes, customer ids and countries the reader hands out as one shared string each (the
     * data set has about 4,000, 4,400 and 38); values beyond it are returned as parsed, so memory stays bounded.
     */
    static final int MAX_SHARED_VALUES = 1 << 16;

    private static final List<String> COLUMNS = List.of(HEADER.split(","));
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private final CountingInputStream raw;
    private final long size;
    private final RecordLimit text;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private long rows;
    private long recordLine;
    /** The InvoiceDate text of the previous row and its value: the rows of an invoice repeat it. */
    private String lastDateText = "";

    private LocalDateTime lastDate;
    /** The CustomerID text of the previous row and the id it became: the rows of an invoice repeat it. */
    private String lastCustomerText = "";

    private String lastCustomerId;
    /**
     * One string per distinct value read so far (up to {@link #MAX_SHARED_VALUES}): every row of a product, customer
     * or country then names it with the same instance, so the maps keyed by it compare references, not characters.
     */
    private final HashMap<String, String> shared = new HashMap<>();

    private OnlineRetailReader(CountingInputStream raw, long size, InputStream decoded) {
        this.raw = raw;
        this.size = size;
        this.text = new RecordLimit(new InputStreamReader(
                decoded,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
        try {
            this.parser = CSVParser.builder().setReader(text).setFormat(FORMAT).get();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the header failed: " + e.getMessage(), e);
        }
        this.records = parser.iterator();
        CSVRecord header = nextRecord();
        if (header == null) {
            throw new RetailFormatException(1, "the file is empty; expected the header " + HEADER);
        }
        List<String> names = new ArrayList<>(header.toList());
        if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
            names.set(0, names.get(0).substring(1));
        }
        if (!names.equals(COLUMNS)) {
            throw new RetailFormatException(1, "expected the header " + HEADER + ", got " + String.join(",", names));
        }
    }

    /**
     * Opens {@code file}; gzip is detected by its magic bytes, so the name does not matter.
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if it cannot be read, its gzip header is corrupt or its first block is not UTF-8
     * @throws RetailFormatException if the header is missing or wrong
     */
    public static OnlineRetailReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(
                    file.toString(), null, Files.exists(file) ? "not a regular file" : "no such file");
        }
        long size = Files.size(file);
        CountingInputStream raw = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        try {
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            boolean gzip = b1 == 0x1f && b2 == 0x8b;
            InputStream decoded = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            return new OnlineRetailReader(raw, size, decoded);
        } catch (UncheckedIOException e) {
            raw.close();
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Reads from an already opened stream of CSV text (not compressed); for tests and other sources. */
    public static OnlineRetailReader of(InputStream csvText) {
        CountingInputStream counting = new CountingInputStream(csvText);
        return new OnlineRetailReader(counting, -1, counting);
    }

    /**
     * The next row, or null at the end of the file.
     *
     * @throws RetailFormatException if the row is malformed
     * @throws UncheckedIOException if reading fails (including a truncated gzip stream)
     */
    @Override
    public RetailRow next() {
        CSVRecord f = nextRecord();
        if (f == null) {
            return null;
        }
        long line = recordLine;
        if (f.size() == 1 && f.get(0).isEmpty()) {
            throw new RetailFormatException(line, "empty line");
        }
        if (f.size() != COLUMNS.size()) {
            throw new RetailFormatException(line, "expected " + COLUMNS.size() + " fields, got " + f.size());
        }
        String invoiceNo = required(f.get(0), "InvoiceNo", line);
        String stockCode = shared(required(f.get(1), "StockCode", line));
        int quantity;
        try {
            quantity = Integer.parseInt(f.get(3).trim());
        } catch (NumberFormatException e) {
            throw new RetailFormatException(line, "Quantity must be a whole number, got '" + f.get(3) + "'");
        }
        String dateText = f.get(4).trim();
        LocalDateTime date = dateText.equals(lastDateText) ? lastDate : dateTime(dateText);
        if (date == null) {
            throw new RetailFormatException(line, "InvoiceDate must be yyyy-MM-dd HH:mm:ss, got '" + f.get(4) + "'");
        }
        BigDecimal price;
        try {
            price = new BigDecimal(f.get(5).trim());
        } catch (NumberFormatException e) {
            throw new RetailFormatException(line, "UnitPrice must be a decimal number, got '" + f.get(5) + "'");
        }
        String customerText = f.get(6);
        String customerId =
                customerText.equals(lastCustomerText) ? lastCustomerId : shared(customerId(customerText, line));
        lastDateText = dateText;
        lastDate = date;
        lastCustomerText = customerText;
        lastCustomerId = customerId;
        rows++;
        return new RetailRow(
                line,
                invoiceNo,
                stockCode,
                f.get(2),
                quantity,
                date,
                price,
                customerId,
                shared(f.get(7).trim()));
    }

    /** The string equal to {@code value} this reader handed out before, or {@code value} itself; null stays null. */
    private String shared(String value) {
        if (value == null) {
            return null;
        }
        String known = shared.get(value);
        if (known != null) {
            return known;
        }
        if (shared.size() < MAX_SHARED_VALUES) {
            shared.put(value, value);
        }
        return value;
    }

    /**
     * The parser's next record, or null at the end; translates a malformed record into a
     * {@link RetailFormatException} at the line the record starts on.
     */
    private CSVRecord nextRecord() {
        recordLine = parser.getCurrentLineNumber() + 1;
        text.startRecord(recordLine);
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException malformed) {
                throw new RetailFormatException(recordLine, "malformed CSV: " + malformed.getMessage());
            }
            throw e;
        }
    }

    /** Data rows returned so far. */
    public long rowsRead() {
        return rows;
    }

    /** Size of the file in bytes, or -1 when reading from a stream. */
    public long size() {
        return size;
    }

    /** Fraction of the file consumed, 0..1 (0 when the size is unknown). */
    @Override
    public double progress() {
        return size <= 0 ? 0 : Math.min(1.0, (double) raw.count() / size);
    }

    @Override
    public void close() throws IOException {
        try {
            parser.close();
        } finally {
            raw.close();
        }
    }

    private static String required(String value, String column, long line) {
        String v = value.trim();
        if (v.isEmpty()) {
            throw new RetailFormatException(line, column + " must not be empty");
        }
        return v;
    }

    /** Parses {@code yyyy-MM-dd HH:mm:ss}; null if {@code s} is not a valid date and time in that form. */
    static LocalDateTime dateTime(String s) {
        if (s.length() != 19
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != ' '
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** "17850.0" and "17850" become "17850"; empty becomes null; anything else is malformed. */
    static String customerId(String value, long line) {
        String v = value.trim();
        if (v.isEmpty()) {
            return null;
        }
        String id = v.endsWith(".0") ? v.substring(0, v.length() - 2) : v;
        if (id.isEmpty() || !digitsOnly(id)) {
            throw new RetailFormatException(
                    line, "CustomerID must be a whole number such as 17850.0, got '" + value + "'");
        }
        return id;
    }

    private static boolean digitsOnly(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The decoded text, failing with a {@link RetailFormatException} once a record has taken more than
     * {@link #MAX_RECORD_CHARS} characters (plus the parser's read-ahead buffer), so that a missing closing quote
     * cannot make the parser hold the rest of the file in memory.
     */
    private static final class RecordLimit extends FilterReader {
        /** The parser reads ahead by at most this many characters beyond the record it is parsing. */
        private static final int READ_AHEAD = 1 << 16;

        private long count;
        private long recordStart;
        private long recordLine;

        RecordLimit(Reader in) {
            super(in);
        }

        void startRecord(long line) {
            recordStart = count;
            recordLine = line;
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (count - recordStart > MAX_RECORD_CHARS + READ_AHEAD) {
                throw new RetailFormatException(
                        recordLine,
                        "a record longer than " + MAX_RECORD_CHARS + " characters (is a closing quote missing?)");
            }
            int n = super.read(buf, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Counts the bytes read from the underlying stream, for progress reporting. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;
        private long mark;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }

        @Override
        public synchronized void mark(int readlimit) {
            super.mark(readlimit);
            mark = count;
        }

        @Override
        public synchronized void reset() throws IOException {
            super.reset();
            count = mark;
        }
    }
}
