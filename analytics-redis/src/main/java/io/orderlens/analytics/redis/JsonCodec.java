package io.orderlens.analytics.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.reflect.Type;

/**
 * Entry values as JSON. Values are the query API's records (or lists of them), written and read by their declared
 * types: no type information is stored and none is trusted (no default typing). Money stays exact: BigDecimals are
 * written as plain decimals and read back with their scale; instants and dates are ISO-8601 strings. Thread-safe.
 */
final class JsonCodec {
    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    String write(Object value) throws JsonProcessingException {
        return mapper.writeValueAsString(value);
    }

    /** Reads {@code json} as {@code type}, e.g. a record class or a {@code List<Record>} parameterized type. */
    Object read(String json, Type type) throws JsonProcessingException {
        return mapper.readValue(json, mapper.getTypeFactory().constructType(type));
    }
}
