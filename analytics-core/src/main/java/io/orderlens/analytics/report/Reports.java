package io.orderlens.analytics.report;

import io.orderlens.analytics.period.CategoryBucket;
import io.orderlens.analytics.query.ProductStats;
import io.orderlens.analytics.segment.MemberOrder;
import io.orderlens.analytics.segment.Rule;
import io.orderlens.analytics.segment.SegmentMember;
import io.orderlens.analytics.segment.Segments;
import java.util.List;

/**
 * The built-in reports of an {@code Analytics} instance and its report scheduler. Built-in reports read the stored
 * counters (never the orders, except the reconciliation's ledger check) and accept ranges of at most 3,660 days in
 * 1899-12-31..2200-01-01, else their writes throw {@link IllegalArgumentException}. Every method, and every row
 * source of a built-in report, throws {@link IllegalStateException} once the instance is closed. Thread-safe.
 */
public interface Reports {

    /**
     * The monthly series ({@code Analytics.periods()}) as a report: per whole business-zone month overlapping the
     * range, orders, gross, refunds, net, average order value, items, new, returning and active customers
     * ({@code periods().newAndReturning}), cancellations, the change of net revenue against the previous month
     * (absolute and percent; the percent empty when the previous month's net is zero) and against the same month a
     * year earlier.
     */
    Report<MonthlyRevenue> monthlyRevenue();

    /** Per month and country, by month then net revenue descending. */
    Report<MonthlyCountryRevenue> monthlyRevenueByCountry();

    /**
     * {@code periods().byCategory} by month as a report: per whole business-zone month overlapping the range and per
     * category that sold or was refunded in those months (zero-filled), orders, units, gross, refunded units,
     * refunded, net, and the change of net against the previous month and the same month a year earlier; by month,
     * then by the category's net over the range descending.
     */
    Report<CategoryBucket> monthlyRevenueByCategory();

    /**
     * Every product, all time, by net revenue descending (ties by id): units, revenue, orders, rating, first and
     * last sale. Holds one row per product in memory to sort them.
     */
    Report<ProductStats> productPerformance();

    /**
     * Every customer who ever had a counted order (one whose orders were all canceled or refunded since stays, with
     * zero orders), all time, in the store's scan order; streamed in constant memory. The in-memory store holds its
     * read lock while the rows are written (writes wait).
     */
    Report<CustomerRow> customerList();

    /** {@link #reconcile} as a report: the days, then the {@code total} and {@code ledger} lines. */
    Report<ReconciliationLine> financialReconciliation();

    /**
     * Per day of the range: gross by order day, refunds by refund day, net, cancellations; their total; and the same
     * recomputed from the ledger, read once (every entry is visited, the entries touching the range counted).
     */
    Reconciliation reconcile(ReportRange range);

    /**
     * The members of a segment ({@code Analytics.segments()}) as a report named {@code name}: per customer the id,
     * counted orders, net spend, average order value, first and last order and days since the last order, as of the
     * range's last day, in {@code order}. Read in pages of {@link Segments#MAX_LIMIT}; a segment larger than
     * {@link #MAX_SEGMENT_MEMBERS} fails the write with a {@link ReportException} before its first row (the header is
     * written). Not among {@link #builtIns()}, which take no arguments.
     *
     * @throws IllegalArgumentException if {@code name} is not a valid report name
     */
    Report<SegmentMember> segmentMembers(String name, Rule rule, MemberOrder order);

    /** The most members a segment report lists: the segment API's paging bound. */
    int MAX_SEGMENT_MEMBERS = Segments.MAX_OFFSET + Segments.MAX_LIMIT;

    /** Every built-in report, in the order above. */
    List<Report<?>> builtIns();

    /**
     * Runs {@code report} on {@code schedule} into {@code sink} on the instance's scheduler thread (started with the
     * first schedule, stopped by {@code close()}; it checks for due runs every second). A run missed while the
     * instance was down or the thread could not run is made once when next checked, for the latest period; the
     * earlier missed runs are counted in {@link ReportExecution#missedRuns()}, not run.
     */
    ScheduledReport schedule(Report<?> report, Schedule schedule, ReportSink sink);

    /** The registered, not cancelled schedules. */
    List<ScheduledReport> scheduled();

    /**
     * Runs, on the calling thread, every run and re-try due by the instance's clock, and returns how many attempts
     * ran. The scheduler thread calls this; a host driving its own scheduler (or a test with its own clock) may call
     * it too. Runs of the instance never overlap: a call waits for one in progress.
     */
    int runDue();
}
