package io.orderlens.analytics.spi;

import java.lang.reflect.ParameterizedType;
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

    /** {@code List<element>} as a reflective type, for {@link #type()} of queries that return lists. */
    public static Type listOf(Class<?> element) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[] {element};
            }

            @Override
            public Type getRawType() {
                return List.class;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }

            @Override
            public String getTypeName() {
                return "java.util.List<" + element.getName() + ">";
            }

            @Override
            public String toString() {
                return getTypeName();
            }
        };
    }
}
