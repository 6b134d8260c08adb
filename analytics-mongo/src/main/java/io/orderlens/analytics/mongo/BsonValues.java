package io.orderlens.analytics.mongo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * How values are laid out in the store's documents.
 *
 * <ul>
 *   <li>An instant is a BSON date in {@code <field>} (millisecond precision, for people and tools) and its exact
 *       value as int64 nanoseconds since the epoch in {@code <field>Nanos}; readers prefer the latter. Both order the
 *       same way, so {@code $min}/{@code $max} may be applied to both.</li>
 *   <li>A day is its ISO string {@code yyyy-MM-dd}, which sorts like the date.</li>
 *   <li>Money is int64 units of 1/10,000 ({@link io.orderlens.analytics.model.MoneyUnits}); API prices keep their exact
 *       decimal value and scale as Decimal128.</li>
 * </ul>
 */
final class BsonValues {
    static final String NANOS = "Nanos";
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private BsonValues() {}

    /** Puts {@code at} as date + exact nanos; nothing when {@code at} is null. */
    static void putInstant(Document target, String field, Instant at) {
        if (at == null) {
            return;
        }
        target.put(field, Date.from(at));
        Long nanos = epochNanos(at);
        if (nanos != null) {
            target.put(field + NANOS, nanos);
        }
    }

    /** Nanoseconds since the epoch, or null outside the years 1678–2261 (the date field alone is kept then). */
    static Long epochNanos(Instant at) {
        try {
            return Math.addExact(Math.multiplyExact(at.getEpochSecond(), NANOS_PER_SECOND), at.getNano());
        } catch (ArithmeticException e) {
            return null;
        }
    }

    static Instant instant(Document source, String field) {
        Object nanos = source.get(field + NANOS);
        if (nanos instanceof Number n) {
            long v = n.longValue();
            return Instant.ofEpochSecond(Math.floorDiv(v, NANOS_PER_SECOND), Math.floorMod(v, NANOS_PER_SECOND));
        }
        Object date = source.get(field);
        return date instanceof Date d ? d.toInstant() : null;
    }

    static String day(LocalDate date) {
        return date == null ? null : date.toString();
    }

    static LocalDate day(Document source, String field) {
        String s = source.getString(field);
        return s == null ? null : LocalDate.parse(s);
    }

    /** A numeric field as long; 0 when absent (counters start at zero). */
    static long count(Document source, String field) {
        Object v = source.get(field);
        return v instanceof Number n ? n.longValue() : 0L;
    }

    static Decimal128 decimal(BigDecimal value) {
        return new Decimal128(value);
    }

    static BigDecimal decimal(Document source, String field) {
        Object v = source.get(field);
        if (v instanceof Decimal128 d) {
            return d.bigDecimalValue();
        }
        if (v instanceof String s) {
            return new BigDecimal(s);
        }
        throw new IllegalStateException("field " + field + " is not a decimal: " + v);
    }

    static Document subDocument(Document source, String field) {
        Object v = source.get(field);
        return v instanceof Document d ? d : new Document();
    }

    static List<Document> documents(Document source, String field) {
        return source.getList(field, Document.class, List.of());
    }
}
