package io.orderlens.analytics.spi;

import io.orderlens.analytics.funnel.DurationBuckets;
import io.orderlens.analytics.funnel.FunnelStep;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Immutable, signed counts of step durations: per {@link FunnelStep}, per {@link DurationBuckets} bucket. Sparse:
 * only non-zero cells are kept, so an increment holds a handful of cells and a day's row only the buckets its
 * orders fell in.
 */
public final class StepHistograms {
    private static final FunnelStep[] STEPS = FunnelStep.values();
    public static final StepHistograms EMPTY = new StepHistograms(new int[0], new long[0]);

    /** Cells in ascending order of {@code step.ordinal() * DurationBuckets.COUNT + bucket}. */
    private final int[] cells;

    private final long[] counts;

    private StepHistograms(int[] cells, long[] counts) {
        this.cells = cells;
        this.counts = counts;
    }

    /** {@code n} durations of {@code step} in bucket {@code bucket}. */
    public static StepHistograms single(FunnelStep step, int bucket, long n) {
        if (n == 0) {
            return EMPTY;
        }
        return new StepHistograms(new int[] {cell(step, bucket)}, new long[] {n});
    }

    /**
     * {@code n} durations, one per step: {@code bucketByStep[step.ordinal()]} is the step's bucket, or -1 for none.
     */
    public static StepHistograms ofSteps(int[] bucketByStep, long n) {
        int[] c = new int[STEPS.length];
        int k = 0;
        for (int s = 0; s < STEPS.length && s < bucketByStep.length; s++) {
            if (bucketByStep[s] >= 0) {
                c[k++] = cell(STEPS[s], bucketByStep[s]);
            }
        }
        if (k == 0 || n == 0) {
            return EMPTY;
        }
        long[] counts = new long[k];
        Arrays.fill(counts, n);
        return new StepHistograms(Arrays.copyOf(c, k), counts);
    }

    /** The histograms with the given non-zero counts, keyed by step and bucket. */
    public static StepHistograms of(Map<FunnelStep, Map<Integer, Long>> counts) {
        TreeMap<Integer, Long> sorted = new TreeMap<>();
        counts.forEach((step, buckets) -> buckets.forEach((bucket, n) -> {
            if (n != 0) {
                sorted.put(cell(step, bucket), n);
            }
        }));
        int[] c = new int[sorted.size()];
        long[] n = new long[sorted.size()];
        int i = 0;
        for (Map.Entry<Integer, Long> e : sorted.entrySet()) {
            c[i] = e.getKey();
            n[i++] = e.getValue();
        }
        return new StepHistograms(c, n);
    }

    /** The count of {@code step} in {@code bucket}. */
    public long get(FunnelStep step, int bucket) {
        int i = Arrays.binarySearch(cells, cell(step, bucket));
        return i >= 0 ? counts[i] : 0;
    }

    /** The counts of {@code step} by bucket index ({@link DurationBuckets#COUNT} entries). */
    public long[] buckets(FunnelStep step) {
        long[] out = new long[DurationBuckets.COUNT];
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] / DurationBuckets.COUNT == step.ordinal()) {
                out[cells[i] % DurationBuckets.COUNT] = counts[i];
            }
        }
        return out;
    }

    /** Visits every non-zero cell in step order, then bucket order. */
    public void forEach(CellVisitor visitor) {
        for (int i = 0; i < cells.length; i++) {
            visitor.visit(STEPS[cells[i] / DurationBuckets.COUNT], cells[i] % DurationBuckets.COUNT, counts[i]);
        }
    }

    /** Receives one non-zero cell. */
    @FunctionalInterface
    public interface CellVisitor {
        void visit(FunnelStep step, int bucket, long count);
    }

    public StepHistograms plus(StepHistograms o) {
        if (o == null || o.cells.length == 0) {
            return this;
        }
        if (cells.length == 0) {
            return o;
        }
        int[] c = new int[cells.length + o.cells.length];
        long[] n = new long[c.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < cells.length || j < o.cells.length) {
            int cell;
            long sum;
            if (j >= o.cells.length || (i < cells.length && cells[i] < o.cells[j])) {
                cell = cells[i];
                sum = counts[i++];
            } else if (i >= cells.length || o.cells[j] < cells[i]) {
                cell = o.cells[j];
                sum = o.counts[j++];
            } else {
                cell = cells[i];
                sum = counts[i++] + o.counts[j++];
            }
            if (sum != 0) {
                c[k] = cell;
                n[k++] = sum;
            }
        }
        return new StepHistograms(Arrays.copyOf(c, k), Arrays.copyOf(n, k));
    }

    public StepHistograms negate() {
        long[] n = new long[counts.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = -counts[i];
        }
        return new StepHistograms(cells, n);
    }

    public boolean isZero() {
        return cells.length == 0;
    }

    private static int cell(FunnelStep step, int bucket) {
        if (bucket < 0 || bucket >= DurationBuckets.COUNT) {
            throw new IllegalArgumentException(
                    "bucket index must be 0.." + (DurationBuckets.COUNT - 1) + ", got " + bucket);
        }
        return step.ordinal() * DurationBuckets.COUNT + bucket;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepHistograms h && Arrays.equals(cells, h.cells) && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(cells) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        forEach((step, bucket, n) -> sb.append(sb.length() > 1 ? ", " : "")
                .append(step)
                .append('#')
                .append(bucket)
                .append('=')
                .append(n));
        return sb.append('}').toString();
    }
}
