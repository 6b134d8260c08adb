package io.orderlens.analytics.report;

import java.util.function.Consumer;

/**
 * Produces the rows of a report for a range, handing each to {@code row} as it is read so that a writer can stream
 * them (memory is what the source itself holds). Called once per write, on the writing thread.
 */
@FunctionalInterface
public interface RowSource<T> {
    void forEach(ReportRange range, Consumer<? super T> row);
}
