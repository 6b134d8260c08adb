package io.orderlens.analytics.model;

import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.RecordedRefund;
import java.util.List;

/**
 * Upper bounds of the encoded size of orders, refunds and ledger entries, in bytes: the UTF-8 bytes of their strings
 * plus a fixed allowance per document and per line that covers field names, type tags, lengths, numbers, instants and
 * dates in BSON or JSON. The limits built on them keep every document of every store well under MongoDB's 16 MiB:
 *
 * <pre>
 *   order or refund           ≤ MAX_EVENT_BYTES  = 512 KiB   (checked on construction)
 *   ledger entry              ≤ MAX_ENTRY_BYTES  =   2 MiB   (order + its recorded refunds; checked by the lifecycle)
 *   MongoDB ledger document   ≤ 2 MiB + 8 KiB               (entry + version, flags, 64 batch ids of ≤ 64 bytes)
 *   one recorded change       ≤ 2 × (2 MiB + 8 KiB) + 1 KiB  (before and after)
 *   one batch record part     ≤ max(8 MiB, one change) + 1 KiB = 8 MiB + 1 KiB  (parts are cut at 8 MiB)
 * </pre>
 *
 * Aggregate documents hold at most a few ids and names (≤ 2 KiB of text) and 64 batch ids. Pure; thread-safe.
 */
public final class Sizes {
    /** Largest ledger entry: an order with all its refunds. */
    public static final int MAX_ENTRY_BYTES = 2 << 20;

    static final int PER_DOCUMENT = 512;
    static final int PER_LINE = 128;

    private Sizes() {}

    /** UTF-8 length of {@code s} (0 for null); an unpaired surrogate counts 3 bytes. */
    public static long utf8(String s) {
        if (s == null) {
            return 0;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    public static long of(Order o) {
        return order(o.orderId(), o.customerId(), o.country(), o.lines());
    }

    /** Size of an order from its parts (for its own constructor, before its fields are set). */
    public static long order(String orderId, String customerId, String country, List<LineItem> lines) {
        long n = orderWithoutLines(orderId, customerId, country);
        for (LineItem l : lines) {
            n += line(l);
        }
        return n;
    }

    /** Size of an order from its parts, its lines as an array (for its own constructor). */
    static long order(String orderId, String customerId, String country, LineItem[] lines) {
        long n = orderWithoutLines(orderId, customerId, country);
        for (LineItem l : lines) {
            n += line(l);
        }
        return n;
    }

    private static long orderWithoutLines(String orderId, String customerId, String country) {
        return PER_DOCUMENT + utf8(orderId) + utf8(customerId) + utf8(country);
    }

    private static long line(LineItem l) {
        return PER_LINE + utf8(l.productId()) + utf8(l.name()) + utf8(l.category());
    }

    /** Size of a refund as given, from its parts (for its own constructor, before its fields are set). */
    public static long refund(
            String refundId, String orderId, String customerId, String country, List<RefundLine> lines) {
        long n = PER_DOCUMENT + utf8(refundId) + utf8(orderId) + utf8(customerId) + utf8(country);
        for (RefundLine l : lines) {
            n += PER_LINE + utf8(l.productId()) + utf8(l.category());
        }
        return n;
    }

    public static long of(RecordedRefund r) {
        long n = PER_DOCUMENT + utf8(r.refundId()) + utf8(r.customerId()) + utf8(r.country());
        for (RecordedRefund.Line l : r.lines()) {
            n += PER_LINE + utf8(l.productId()) + utf8(l.category());
        }
        return n;
    }

    public static long of(LedgerEntry e) {
        long n = PER_DOCUMENT + utf8(e.key()) + utf8(e.orderId()) + (e.order() == null ? 0 : of(e.order()));
        for (RecordedRefund r : e.refunds()) {
            n += of(r);
        }
        return n;
    }
}
