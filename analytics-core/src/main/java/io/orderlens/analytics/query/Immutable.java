package io.orderlens.analytics.query;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Unmodifiable copies of the collections a query result holds, so a result can be shared between threads and
 * callers (a cache may hand the same instance to many readers) without anyone changing what another one sees.
 */
final class Immutable {
    private Immutable() {}

    /**
     * An unmodifiable copy of {@code list}.
     *
     * @throws NullPointerException naming {@code what} if the list or one of its elements is null
     */
    static <E> List<E> list(List<E> list, String what) {
        if (list == null) {
            throw new NullPointerException(what + " must not be null");
        }
        for (E e : list) {
            if (e == null) {
                throw new NullPointerException(what + " must not contain null");
            }
        }
        return List.copyOf(list);
    }

    /**
     * An unmodifiable copy of {@code map} that iterates in the enum's declaration order (as the results are
     * rendered).
     *
     * @throws NullPointerException naming {@code what} if the map or one of its keys or values is null
     */
    static <K extends Enum<K>, V> Map<K, V> enumMap(Map<K, V> map, Class<K> keyType, String what) {
        if (map == null) {
            throw new NullPointerException(what + " must not be null");
        }
        EnumMap<K, V> copy = new EnumMap<>(keyType);
        for (Map.Entry<K, V> e : map.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new NullPointerException(what + " must not contain null keys or values, got " + map);
            }
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }
}
