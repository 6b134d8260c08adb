package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class BsonStreamsTest {
    private static List<Document> decode(byte[] bytes) {
        List<Document> out = new ArrayList<>();
        for (int at = 0; at < bytes.length; ) {
            int length =
                    ByteBuffer.wrap(bytes, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            out.add(new RawBsonDocument(bytes, at, length).decode(new DocumentCodec()));
            at += length;
        }
        return out;
    }

    @Test
    void documentsOfEveryValueTypeDecodeEqualToWhatWasWritten() {
        Document first = new Document("k", "product")
                .append("units", 3L)
                .append("hour", 7)
                .append("kept", true)
                .append("weight", 0.25)
                .append("at", new Date(1_700_000_000_123L))
                .append("price", new Decimal128(new BigDecimal("0.001")))
                .append("bytes", new Binary(new byte[] {1, 2, 3}))
                .append("statuses", new Document("DELIVERED", 2L).append("PLACED", 1L))
                .append("ids", List.of("a", "b"))
                .append("nested", List.of(new Document("x", 1L), List.of(2, 3)))
                .append("missing", null)
                .append("other", new BsonTimestamp(5, 1));
        Document second = new Document("k", "day").append("date", "2026-03-28");

        List<Document> decoded = decode(BsonStreams.encode(List.of(first, second), Integer.MAX_VALUE));

        assertThat(decoded).containsExactly(first, second);
        assertThat(decoded.get(0).get("units")).isInstanceOf(Long.class);
        assertThat(decoded.get(0).get("hour")).isInstanceOf(Integer.class);
    }

    @Test
    void documentsOverTheLimitGiveNull() {
        List<Document> documents = List.of(new Document("k", "x".repeat(100)), new Document("k", "y".repeat(100)));

        assertThat(BsonStreams.encode(documents, 150)).isNull();
        assertThat(BsonStreams.encode(documents, 250)).isNotNull();
    }
}
