package io.orderlens.analytics.mongo;

import com.mongodb.client.model.Filters;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.Effect;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * The baseline of compacted ledger entries, stored in segments: each compacted part adds one document to the
 * {@code baseline} collection, {@code {_id: "segment|<part id>", rows: <binary>, sv: <int64>}}, holding the merged
 * contribution of the entries it removed. {@code rows} is one increment per row, each encoded as in a batch record
 * ({@link EffectDocuments}), as consecutive BSON documents, deflated. The baseline is the sum of every segment (plus
 * the row documents {@code "<collection suffix>|<row _id>"} an earlier version of the store wrote, one per row). So a
 * compacted part costs one document write whatever the number of rows it touched; erasure rewrites the segments that
 * hold a customer's rows, each by a compare-and-set on its version {@code sv}. Stateless and thread-safe.
 */
final class BaselineSegments {
    static final String ROWS = "rows";
    static final String VERSION = "sv";
    /** On a void segment (a compaction part that compacted nothing): true; such a segment has no rows. */
    static final String VOID = "void";

    private static final String PREFIX = "segment|";
    /** Every segment: the {@code _id} range of the prefix ({@code '}'} follows {@code '|'}), served by the index. */
    static final Bson ALL = Filters.and(Filters.gte("_id", PREFIX), Filters.lt("_id", "segment}"));

    private static final DocumentCodec CODEC = new DocumentCodec();

    private BaselineSegments() {}

    /** The {@code _id} of the segment written by part {@code partId}. */
    static String id(String partId) {
        return PREFIX + partId;
    }

    static boolean isSegment(Document baselineDocument) {
        return baselineDocument.getString("_id").startsWith(PREFIX);
    }

    static boolean isVoid(Document segment) {
        return Boolean.TRUE.equals(segment.get(VOID));
    }

    /** The encoding of no rows: a zero-length binary, for which no segment is written. */
    static final Binary NO_ROWS = new Binary(new byte[0]);

    /** The {@code rows} value holding every row of {@code delta}; {@link #NO_ROWS} if it has none. */
    static Binary encode(Delta delta) {
        return encode(delta, Integer.MAX_VALUE);
    }

    /**
     * The {@code rows} value holding every row of {@code delta} ({@link #NO_ROWS} if it has none), or null if they take more than {@code maxRawBytes}
     * bytes before deflating.
     */
    static Binary encode(Delta delta, int maxRawBytes) {
        Effect.Builder rows = Effect.builder(delta.size());
        delta.forEach(rows);
        return encode(rows.build().increments(), maxRawBytes);
    }

    private static Binary encode(List<Counters> rows, int maxRawBytes) {
        if (rows.isEmpty()) {
            return NO_ROWS;
        }
        byte[] raw = BsonStreams.encode(EffectDocuments.encode(Effect.of(rows)), maxRawBytes);
        if (raw == null) {
            return null;
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return new Binary(out.toByteArray());
        } finally {
            deflater.end();
        }
    }

    /**
     * The rows of a segment document (none for a void one).
     *
     * @throws StoreException if its {@code rows} is missing or cannot be read (it was not written by this store)
     */
    static List<Counters> decode(Document segment) {
        Object id = segment.get("_id");
        if (isVoid(segment)) {
            return List.of();
        }
        if (!(segment.get(ROWS) instanceof Binary binary)) {
            throw new StoreException(
                    "MongoDB store cannot read baseline segment \"" + id + "\": it has no binary \"" + ROWS + "\"");
        }
        if (binary.length() == 0) {
            return List.of();
        }
        byte[] data = inflate(binary.getData(), id);
        List<Document> documents = new ArrayList<>();
        for (int at = 0; at < data.length; ) {
            if (data.length - at < 5) {
                throw new StoreException("MongoDB store cannot read baseline segment \"" + id + "\": truncated rows");
            }
            int length =
                    ByteBuffer.wrap(data, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (length < 5 || length > data.length - at) {
                throw new StoreException("MongoDB store cannot read baseline segment \"" + id + "\": truncated rows");
            }
            documents.add(new RawBsonDocument(data, at, length).decode(CODEC));
            at += length;
        }
        return EffectDocuments.decode(documents, "baseline segment " + id).increments();
    }

    /**
     * The rows of {@code rows} left after removing those of {@code aggregate} keyed by one of {@code keys}, encoded;
     * null if none is removed.
     */
    static Binary without(List<Counters> rows, Aggregate<?> aggregate, Collection<String> keys) {
        Set<String> doomed = Set.copyOf(keys);
        List<Counters> kept = new ArrayList<>(rows.size());
        for (Counters row : rows) {
            if (!isKeyed(aggregate, row, doomed)) {
                kept.add(row);
            }
        }
        return kept.size() == rows.size() ? null : encode(kept, Integer.MAX_VALUE);
    }

    private static <T extends Counters> boolean isKeyed(Aggregate<T> aggregate, Counters row, Set<String> keys) {
        return aggregate.type().isInstance(row)
                && keys.contains(aggregate.keyOf(aggregate.type().cast(row)));
    }

    private static byte[] inflate(byte[] compressed, Object id) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4 + 64);
            byte[] buffer = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new StoreException(
                            "MongoDB store cannot read baseline segment \"" + id + "\": its rows are truncated");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new StoreException(
                    "MongoDB store cannot read baseline segment \"" + id + "\": its rows are not deflated data", e);
        } finally {
            inflater.end();
        }
    }
}
