package io.orderlens.analytics.mongo;

import com.mongodb.MongoClientSettings;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.BsonBinary;
import org.bson.BsonBinaryWriter;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.codecs.Codec;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Binary;
import org.bson.types.Decimal128;

/**
 * Documents written as consecutive BSON documents into one buffer, the values of the types this store writes
 * (strings, int32, int64, booleans, doubles, dates, Decimal128, binaries, nested documents and lists, null) written
 * directly and any other through the driver's default codecs. The bytes decode to documents equal to the ones
 * written. Stateless and thread-safe.
 */
final class BsonStreams {
    private static final CodecRegistry CODECS = MongoClientSettings.getDefaultCodecRegistry();
    private static final EncoderContext CONTEXT = EncoderContext.builder().build();

    private BsonStreams() {}

    /**
     * The BSON bytes of {@code documents}, one after the other; null if they take more than {@code maxBytes} bytes.
     */
    static byte[] encode(List<Document> documents, int maxBytes) {
        BasicOutputBuffer buffer = new BasicOutputBuffer(Math.max(256, documents.size() * 96));
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            for (Document d : documents) {
                writeDocument(writer, d);
                if (buffer.getPosition() > maxBytes) {
                    return null;
                }
            }
        }
        return buffer.toByteArray();
    }

    private static void writeDocument(BsonWriter writer, Map<?, ?> document) {
        writer.writeStartDocument();
        for (Map.Entry<?, ?> e : document.entrySet()) {
            writer.writeName((String) e.getKey());
            writeValue(writer, e.getValue());
        }
        writer.writeEndDocument();
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(BsonWriter writer, Object value) {
        if (value == null) {
            writer.writeNull();
        } else if (value instanceof String s) {
            writer.writeString(s);
        } else if (value instanceof Long l) {
            writer.writeInt64(l);
        } else if (value instanceof Integer i) {
            writer.writeInt32(i);
        } else if (value instanceof Boolean b) {
            writer.writeBoolean(b);
        } else if (value instanceof Double d) {
            writer.writeDouble(d);
        } else if (value instanceof Date d) {
            writer.writeDateTime(d.getTime());
        } else if (value instanceof Decimal128 d) {
            writer.writeDecimal128(d);
        } else if (value instanceof Binary b) {
            writer.writeBinaryData(new BsonBinary(b.getType(), b.getData()));
        } else if (value instanceof Map<?, ?> m) {
            writeDocument(writer, m);
        } else if (value instanceof List<?> list) {
            writer.writeStartArray();
            for (Object item : list) {
                writeValue(writer, item);
            }
            writer.writeEndArray();
        } else {
            Codec<Object> codec = (Codec<Object>) CODECS.get(value.getClass());
            codec.encode(writer, value, CONTEXT);
        }
    }
}
