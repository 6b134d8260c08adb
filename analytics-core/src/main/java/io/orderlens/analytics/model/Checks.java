package io.orderlens.analytics.model;

import io.orderlens.analytics.InvalidEventException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Argument checks shared by the self-validating records, and the limits they enforce. Every failure is an
 * {@link InvalidEventException} naming the field and quoting the value (escaped, shortened).
 *
 * <p><b>Ids</b> (order, customer, product and refund ids, categories, countries) are keys in every store: 1 to
 * {@value #MAX_ID_LENGTH} UTF-16 code units of well-formed Unicode (no unpaired surrogate), no control character
 * (NUL, newline, tab, ...), no leading or trailing whitespace (a trimmed and an untrimmed id would be two customers).
 * <b>Names</b> (product display names) are labels: up to {@value #MAX_NAME_LENGTH} code units of well-formed Unicode
 * without control characters; inner and outer spaces are kept as given. Every accepted string is stored and read back
 * exactly by every store and cache (UTF-8 encodes it losslessly).
 *
 * <p><b>Instants</b> lie in [{@value #MIN_INSTANT_TEXT}, {@value #MAX_INSTANT_TEXT}): exactly representable as int64
 * nanoseconds (the MongoDB store's exact field), with four-digit years, so day keys sort as dates in every store.
 */
public final class Checks {
    /** Longest id, category or country, in UTF-16 code units (at most 3 UTF-8 bytes each). */
    public static final int MAX_ID_LENGTH = 200;
    /** Longest product name, in UTF-16 code units. */
    public static final int MAX_NAME_LENGTH = 500;
    /** Most lines in one order or one refund. */
    public static final int MAX_LINES = 1_000;
    /** Largest encoded size of one order or one refund ({@link Sizes}), in bytes: 512 KiB. */
    public static final int MAX_EVENT_BYTES = 512 << 10;

    static final String MIN_INSTANT_TEXT = "1900-01-01T00:00:00Z";
    static final String MAX_INSTANT_TEXT = "2200-01-01T00:00:00Z";
    /** Earliest accepted instant (inclusive). */
    public static final Instant MIN_INSTANT = Instant.parse(MIN_INSTANT_TEXT);
    /** First instant no longer accepted. */
    public static final Instant MAX_INSTANT = Instant.parse(MAX_INSTANT_TEXT);
    /** Earliest date a query may name: the business day of {@link #MIN_INSTANT} in any zone is on or after it. */
    public static final LocalDate MIN_DATE = LocalDate.of(1899, 12, 31);
    /** Latest date a query may name. */
    public static final LocalDate MAX_DATE = LocalDate.of(2200, 1, 1);

    private static final int QUOTE_LIMIT = 40;

    private Checks() {}

    /** Returns {@code value} if it is a well-formed id (see the class comment). */
    public static String id(String value, String what, String context) {
        String problem = idProblem(value, MAX_ID_LENGTH);
        if (problem != null) {
            throw new InvalidEventException(what + problem + context);
        }
        return value;
    }

    /** Returns {@code value} if it is a well-formed name of at most {@value #MAX_NAME_LENGTH} code units. */
    public static String name(String value, String what, String context) {
        notNull(value, what, context);
        String problem = textProblem(value, MAX_NAME_LENGTH);
        if (problem != null) {
            throw new InvalidEventException(what + problem + context);
        }
        return value;
    }

    /**
     * Why {@code value} is not a well-formed id of at most {@code max} code units, as a message tail starting with a
     * space ({@code " must not be blank"}), or null if it is one.
     */
    public static String idProblem(String value, int max) {
        if (value == null) {
            return " must not be null";
        }
        if (value.isBlank()) {
            return " must not be blank";
        }
        String problem = textProblem(value, max);
        if (problem != null) {
            return problem;
        }
        if (isSpace(value.charAt(0)) || isSpace(value.charAt(value.length() - 1))) {
            return " must not start or end with whitespace, got " + quote(value);
        }
        return null;
    }

    private static String textProblem(String value, int max) {
        if (value.length() > max) {
            return " must be at most " + max + " characters, got " + value.length() + ": " + quote(value);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return " must not contain control characters, got " + quote(value);
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return " must be well-formed Unicode, got an unpaired surrogate at index " + i + ": " + quote(value);
            }
        }
        return null;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Returns {@code at} if it lies in the supported range. */
    public static Instant instant(Instant at, String what, String context) {
        notNull(at, what, context);
        if (at.isBefore(MIN_INSTANT) || !at.isBefore(MAX_INSTANT)) {
            throw new InvalidEventException(
                    what + " must be in [" + MIN_INSTANT_TEXT + ", " + MAX_INSTANT_TEXT + "), got " + at + context);
        }
        return at;
    }

    /** True if {@code at} is not null and lies in the supported range; builds no message. */
    static boolean inRange(Instant at) {
        return at != null && !at.isBefore(MIN_INSTANT) && at.isBefore(MAX_INSTANT);
    }

    /** Returns {@code at} if it is null or lies in the supported range. */
    public static Instant optionalInstant(Instant at, String what, String context) {
        return at == null ? null : instant(at, what, context);
    }

    public static <T> T notNull(T value, String what, String context) {
        if (value == null) {
            throw new InvalidEventException(what + " must not be null" + context);
        }
        return value;
    }

    /** " in order o-1" style suffix for messages; empty when the id itself is unknown. */
    public static String in(String kind, String id) {
        return id == null || id.isBlank() ? "" : " in " + kind + " " + quote(id);
    }

    /**
     * {@code value} for a message: printable ASCII and well-formed non-control characters as they are, everything
     * else (controls, unpaired surrogates, backslash) as a Java escape; quoted when it is not a plain id; at most
     * {@value #QUOTE_LIMIT} characters of it, then the total length.
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        boolean plain = !value.isEmpty();
        int n = Math.min(value.length(), QUOTE_LIMIT);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                sb.append(c).append(value.charAt(++i));
                plain = false;
            } else if (c == '\\' || c == '"' || Character.isISOControl(c) || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04x", (int) c));
                plain = false;
            } else {
                plain &= c > ' ' && c < 0x7f;
                sb.append(c);
            }
        }
        if (value.length() > n) {
            sb.append("...(").append(value.length()).append(" characters)");
            plain = false;
        }
        return plain ? sb.toString() : "\"" + sb + "\"";
    }
}
