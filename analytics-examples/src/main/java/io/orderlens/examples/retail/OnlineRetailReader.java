package io.orderlens.examples.retail;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.RecordType;
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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Streams the rows of the UCI Online Retail CSV file ({@code online_retail.csv.gz} or its uncompressed form), one
 * {@link RetailRow} at a time: memory stays bounded whatever the file size. Not thread-safe; close it when done.
 *
 * <p>The CSV is read by FastCSV in the RFC 4180 dialect: fields separated by commas, records by CRLF, LF or CR; a
 * field may be quoted with {@code "}, and inside quotes a comma or line break is data and {@code ""} is one quote (a
 * quote inside an unquoted field is data too). The header must be exactly {@value #HEADER}. Every row must have 8
 * fields with a non-blank InvoiceNo and StockCode, an integer Quantity, an InvoiceDate {@code yyyy-MM-dd HH:mm:ss}, a
 * decimal UnitPrice and a CustomerID that is empty or a whole number (written {@code 17850.0} or {@code 17850}).
 * Anything else fails with a {@link RetailFormatException} giving the line the record starts on and the reason: text
 * after a closing quote, a quoted field that is never closed (it runs to the end of the input: the record then has
 * the wrong number of fields, or it is the last one and does not end with the closing quote), a record longer than
 * {@link #MAX_RECORD_CHARS} characters (almost certainly a missing closing quote), a wrong field count or value.
 * Values are not judged here (negative prices, for instance, are returned as they are); that is the mapping's job.
 */
public final class OnlineRetailReader implements RowSource, Closeable {
    public static final String HEADER =
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID," + "Country";
    /** The longest record accepted, in characters; a longer one is almost certainly an unterminated quote. */
    public static final int MAX_RECORD_CHARS = 1 << 20;

    /**
     * How many distinct stock codes, customer ids and countries the reader hands out as one shared string each (the
     * data set has about 4,000, 4,400 and 38), and how many distinct UnitPrice texts it keeps parsed (about 1,600);
     * values beyond it are parsed and returned as they are, so memory stays bounded.
     */
    static final int MAX_SHARED_VALUES = 1 << 16;

    private static final List<String> COLUMNS = List.of(HEADER.split(","));
    private static final int FIELDS = 8;

    private final CountingInputStream raw;
    private final long size;
    private final RecordLimit text;
    private final Fields fields;
    private final CloseableIterator<Fields> records;
    private long rows;
    /** The InvoiceNo text of the previous row and the number it became. */
    private String lastInvoiceText;

    private String lastInvoiceNo;
    /** The Country text of the previous row and the country it became. */
    private String lastCountryText;

    private String lastCountry;
    /** The InvoiceDate text of the previous row and its value: the rows of an invoice repeat it. */
    private String lastDateText;

    private LocalDateTime lastDate;
    /** The date part of the last InvoiceDate parsed, and its fields. */
    private LocalDate lastDay;

    private int lastDayYear;
    private int lastDayMonth;
    private int lastDayOfMonth;
    /** The CustomerID text of the previous row and the id it became: the rows of an invoice repeat it. */
    private String lastCustomerText = "";

    private String lastCustomerId;
    /**
     * One string per distinct value read so far (up to {@link #MAX_SHARED_VALUES}): every row of a product, customer
     * or country then names it with the same instance, so the maps keyed by it compare references, not characters.
     */
    private final HashMap<String, String> shared = new HashMap<>();
    /** UnitPrice texts already parsed (up to {@link #MAX_SHARED_VALUES}), with their exact values. */
    private final HashMap<String, BigDecimal> prices = new HashMap<>();

    private OnlineRetailReader(CountingInputStream raw, long size, InputStream decoded) {
        this.raw = raw;
        this.size = size;
        this.text = new RecordLimit(new InputStreamReader(
                decoded,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
        this.fields = new Fields(text);
        CsvReader<Fields> csv = CsvReader.builder()
                .skipEmptyLines(false)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .build(fields, text);
        this.records = csv.iterator();
        if (!nextRecord()) {
            throw new RetailFormatException(1, "the file is empty; expected the header " + HEADER);
        }
        String[] names = Arrays.copyOf(fields.values, Math.min(fields.count, FIELDS));
        if (names.length > 0 && names[0].startsWith("\uFEFF")) {
            names[0] = names[0].substring(1);
        }
        if (fields.count != FIELDS || !List.of(names).equals(COLUMNS)) {
            throw new RetailFormatException(
                    1, "expected the header " + HEADER + ", got " + String.join(",", fields.all()));
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
        if (!nextRecord()) {
            return null;
        }
        Fields f = fields;
        if (f.count != FIELDS || f.lastQuoted || f.empty) {
            f = checkedShape();
        }
        String[] v = f.values;
        long line = f.line;
        // the rows of an invoice repeat its number, date, customer and country: each is converted when it changes
        String invoiceText = v[0];
        String invoiceNo =
                invoiceText.equals(lastInvoiceText) ? lastInvoiceNo : required(invoiceText, "InvoiceNo", line);
        String stockCode = shared(required(v[1], "StockCode", line));
        int quantity = quantity(v[3], line);
        String dateText = v[4];
        LocalDateTime date = dateText.equals(lastDateText) ? lastDate : date(dateText, line);
        BigDecimal price = price(v[5], line);
        String customerText = v[6];
        String customerId =
                customerText.equals(lastCustomerText) ? lastCustomerId : shared(customerId(customerText, line));
        String countryText = v[7];
        String country = countryText.equals(lastCountryText) ? lastCountry : shared(countryText.trim());
        lastInvoiceText = invoiceText;
        lastInvoiceNo = invoiceNo;
        lastDateText = dateText;
        lastDate = date;
        lastCustomerText = customerText;
        lastCustomerId = customerId;
        lastCountryText = countryText;
        lastCountry = country;
        rows++;
        return new RetailRow(line, invoiceNo, stockCode, v[2], quantity, date, price, customerId, country);
    }

    /**
     * The current record if it has the shape of a row, else the reason it has not: an empty line, a quoted field
     * that runs to the end of the input, a wrong field count. A record whose last field is quoted may be one that
     * was never closed: whether more records follow is looked up here, so the current one is copied first.
     */
    private Fields checkedShape() {
        Fields f = fields.copy();
        if (f.empty) {
            throw new RetailFormatException(f.line, "empty line");
        }
        if (f.lastQuoted
                && !moreRecords()
                && (hasLineBreak(f.values[Math.min(f.count, FIELDS) - 1]) || text.lastCharacter() != '"')) {
            // the last record of the input ends in a quoted field: closed only if the text's last character (line
            // breaks aside) is the closing quote
            throw new RetailFormatException(
                    f.line, "malformed CSV: a quoted field is never closed (it runs to the end of the input)");
        }
        if (f.count != FIELDS) {
            throw new RetailFormatException(f.line, "expected " + FIELDS + " fields, got " + f.count);
        }
        return f;
    }

    private boolean moreRecords() {
        try {
            return records.hasNext();
        } catch (CsvParseException | UncheckedIOException e) {
            return true;
        }
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
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

    private BigDecimal price(String value, long line) {
        BigDecimal known = prices.get(value);
        return known != null ? known : parsePrice(value, line);
    }

    private BigDecimal parsePrice(String value, long line) {
        BigDecimal price;
        try {
            price = new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new RetailFormatException(line, "UnitPrice must be a decimal number, got '" + value + "'");
        }
        if (prices.size() < MAX_SHARED_VALUES) {
            prices.put(value, price);
        }
        return price;
    }

    private static int quantity(String value, long line) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new RetailFormatException(line, "Quantity must be a whole number, got '" + value + "'");
        }
    }

    private LocalDateTime date(String value, long line) {
        LocalDateTime date = dateTime(value.trim());
        if (date == null) {
            throw new RetailFormatException(line, "InvoiceDate must be yyyy-MM-dd HH:mm:ss, got '" + value + "'");
        }
        return date;
    }

    /**
     * Moves to the parser's next record, held in {@link #fields}; false at the end. Translates a malformed record
     * into a {@link RetailFormatException} at the line the record starts on.
     */
    private boolean nextRecord() {
        try {
            return records.hasNext() && records.next() != null;
        } catch (CsvParseException e) {
            if (e.getCause() instanceof RetailFormatException tooLong) {
                throw tooLong;
            }
            Throwable reason = e.getCause() != null ? e.getCause() : e;
            throw new RetailFormatException(fields.line, "malformed CSV: " + reason.getMessage());
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
            records.close();
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

    /**
     * Parses {@code yyyy-MM-dd HH:mm:ss}; null if {@code s} is not a valid date and time in that form. The day of the
     * previous call is kept: consecutive invoices mostly share it, so a day is built (and checked) once.
     */
    LocalDateTime dateTime(String s) {
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
            LocalDate date = year == lastDayYear && month == lastDayMonth && day == lastDayOfMonth
                    ? lastDay
                    : day(year, month, day);
            return LocalDateTime.of(date, LocalTime.of(hour, minute, second));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The date {@code year-month-day}, kept as the last day seen. */
    private LocalDate day(int year, int month, int day) {
        LocalDate date = LocalDate.of(year, month, day);
        lastDayYear = year;
        lastDayMonth = month;
        lastDayOfMonth = day;
        lastDay = date;
        return date;
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
     * The fields of the record being parsed, filled by the parser's callbacks: at most {@value #FIELDS} values (more
     * are only counted), the line the record starts on, whether its last field was quoted. Each record starts by
     * telling the {@link RecordLimit} so. Reused from record to record.
     */
    private static final class Fields extends AbstractBaseCsvCallbackHandler<Fields> {
        /** The columns whose value usually equals the previous row's. */
        private static final boolean[] REPEATED = {true, false, false, false, true, false, true, true};

        private final char[][] previousText = new char[FIELDS][];
        private final int[] previousLength = new int[FIELDS];

        private final RecordLimit text;
        final String[] values = new String[FIELDS];
        long line;
        int count;
        boolean lastQuoted;
        boolean empty;

        Fields(RecordLimit text) {
            this.text = text;
        }

        @Override
        protected void handleBegin(long startingLineNumber) {
            line = startingLineNumber;
            count = 0;
            lastQuoted = false;
            empty = false;
            text.startRecord(startingLineNumber);
        }

        @Override
        protected void handleField(int index, char[] buf, int offset, int length, boolean quoted) {
            if (index < FIELDS) {
                values[index] =
                        REPEATED[index] ? repeatable(index, buf, offset, length) : new String(buf, offset, length);
            }
            count = index + 1;
            lastQuoted = quoted;
        }

        /**
         * InvoiceNo, InvoiceDate, CustomerID and Country repeat on every row of an invoice: an unchanged value keeps
         * the previous record's string (its characters are kept to compare with).
         */
        private String repeatable(int index, char[] buf, int offset, int length) {
            char[] previous = previousText[index];
            if (values[index] != null && previousLength[index] == length && same(previous, buf, offset, length)) {
                return values[index];
            }
            if (previous == null || previous.length < length) {
                previous = new char[Math.max(length, 32)];
                previousText[index] = previous;
            }
            System.arraycopy(buf, offset, previous, 0, length);
            previousLength[index] = length;
            return new String(buf, offset, length);
        }

        @Override
        protected void handleEmpty() {
            empty = true;
        }

        @Override
        protected Fields buildRecord() {
            return getRecordType() == RecordType.EMPTY || empty ? markEmpty() : this;
        }

        private Fields markEmpty() {
            empty = true;
            return this;
        }

        /**
         * Whether {@code buf[offset, offset + length)} holds the first {@code length} characters of {@code previous}. A
         * plain loop: the values are short, and the parser's compiled code inlines this.
         */
        private static boolean same(char[] previous, char[] buf, int offset, int length) {
            for (int i = 0; i < length; i++) {
                if (previous[i] != buf[offset + i]) {
                    return false;
                }
            }
            return true;
        }

        /** The values of this record, as many as were kept. */
        List<String> all() {
            return Arrays.asList(values).subList(0, Math.min(count, FIELDS));
        }

        Fields copy() {
            Fields c = new Fields(text);
            System.arraycopy(values, 0, c.values, 0, FIELDS);
            c.line = line;
            c.count = count;
            c.lastQuoted = lastQuoted;
            c.empty = empty;
            return c;
        }
    }

    /**
     * The decoded text, failing with a {@link RetailFormatException} once a record has taken more than
     * {@link #MAX_RECORD_CHARS} characters (plus one read of at most {@link #READ_AHEAD} characters), so that a
     * missing closing quote cannot make the parser hold the rest of the file in memory.
     */
    private static final class RecordLimit extends FilterReader {
        /** The most characters handed to the parser by one read, so its read-ahead is bounded. */
        private static final int READ_AHEAD = 1 << 16;

        private long count;
        private long recordStart;
        private long recordLine;
        /** The last character read that is not a line break, or -1 before there is one. */
        private int lastCharacter = -1;

        RecordLimit(Reader in) {
            super(in);
        }

        /** The last character read so far that is not a CR or LF, or -1 if there is none. */
        int lastCharacter() {
            return lastCharacter;
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
            int n = super.read(buf, off, Math.min(len, READ_AHEAD));
            if (n > 0) {
                count += n;
                for (int i = off + n - 1; i >= off; i--) {
                    char c = buf[i];
                    if (c != '\n' && c != '\r') {
                        lastCharacter = c;
                        break;
                    }
                }
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
