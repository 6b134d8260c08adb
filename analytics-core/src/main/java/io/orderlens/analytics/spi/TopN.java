package io.orderlens.analytics.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The first {@code limit} elements in an order, kept in a heap of at most {@code limit} elements: O(n log limit)
 * time and O(limit) memory over n offers. Not thread-safe.
 */
final class TopN<T> {
    private final Comparator<? super T> order;
    private final int limit;
    /** Reversed order: the head is the worst of the kept elements. */
    private final PriorityQueue<T> heap;

    TopN(Comparator<? super T> order, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        this.order = order;
        this.limit = limit;
        this.heap = new PriorityQueue<>(Math.min(limit, 1024) + 1, Collections.reverseOrder(order));
    }

    void offer(T element) {
        if (heap.size() < limit) {
            heap.add(element);
        } else if (order.compare(element, heap.peek()) < 0) {
            heap.poll();
            heap.add(element);
        }
    }

    /** The kept elements, first first. */
    List<T> sorted() {
        List<T> out = new ArrayList<>(heap);
        out.sort(order);
        return out;
    }
}
