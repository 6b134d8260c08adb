package io.orderlens.analytics.spi;

import java.lang.reflect.Type;
import java.util.List;

/**
 * A cacheable read.
 *
 * @param query  name of the query, e.g. {@code customer}
 * @param params its parameters, already rendered as a stable string (e.g. {@code c-42|5|3})
 * @param scopes what invalidates it
 * @param type   the result type (a record of the query API, or a {@code List} of one), for deserialisation
 */
public record CacheRequest<T>(String query, String params, List<CacheScope> scopes, Type type) {
    public CacheRequest {
        scopes = List.copyOf(scopes);
    }
}
