package io.orderlens.analytics.internal;

import io.orderlens.analytics.report.ExecutionStatus;
import io.orderlens.analytics.report.Report;
import io.orderlens.analytics.report.ReportDelivery;
import io.orderlens.analytics.report.ReportExecution;
import io.orderlens.analytics.report.ReportSink;
import io.orderlens.analytics.report.Schedule;
import io.orderlens.analytics.report.ScheduledReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scheduled reports by the instance's clock: {@link #runDue()} runs what is due, on the calling thread, one call
 * at a time; a single daemon thread, started with the first schedule, calls it every {@code poll}. Thread-safe.
 */
public final class ReportScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReportScheduler.class);
    /** Missed runs counted at most, so that a very long downtime cannot make a run count forever. */
    private static final int MAX_MISSED_COUNTED = 10_000;

    private final ZoneId zone;
    private final Clock clock;
    private final LongSupplier nanos;
    private final Duration poll;
    private final String threadName;
    private final List<Job> jobs = new CopyOnWriteArrayList<>();
    private final ReentrantLock running = new ReentrantLock();
    private ScheduledExecutorService thread;
    private boolean closed;

    public ReportScheduler(ZoneId zone, Clock clock, LongSupplier nanos, Duration poll, String threadName) {
        this.zone = zone;
        this.clock = clock;
        this.nanos = nanos;
        this.poll = poll;
        this.threadName = threadName;
    }

    /** @throws IllegalStateException once closed */
    synchronized ScheduledReport add(Report<?> report, Schedule schedule, ReportSink sink) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(sink, "sink");
        if (closed) {
            throw new IllegalStateException("the report scheduler is closed");
        }
        Instant after = schedule.startingAfter() != null ? schedule.startingAfter() : clock.instant();
        Job job = new Job(report, schedule, sink, after);
        jobs.add(job);
        if (thread == null) {
            thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
            thread.scheduleWithFixedDelay(this::poll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        }
        return job;
    }

    List<ScheduledReport> scheduled() {
        return List.copyOf(jobs);
    }

    /** Runs every due run and re-try; returns the attempts made. */
    public int runDue() {
        running.lock();
        try {
            int attempts = 0;
            for (Job job : jobs) {
                if (!job.isCancelled()) {
                    attempts += job.runDue(clock.instant());
                }
            }
            return attempts;
        } finally {
            running.unlock();
        }
    }

    private void poll() {
        try {
            runDue();
        } catch (RuntimeException e) {
            log.error("running scheduled reports failed", e);
        }
    }

    /** Stops the thread; waits up to {@code timeout} for a run in progress, then interrupts it. Idempotent. */
    public void close(Duration timeout) {
        ScheduledExecutorService t;
        synchronized (this) {
            closed = true;
            t = thread;
            thread = null;
        }
        jobs.forEach(Job::cancel);
        if (t == null) {
            return;
        }
        t.shutdown();
        try {
            if (!t.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("a scheduled report was still running at close; interrupting it");
                t.shutdownNow();
            }
        } catch (InterruptedException e) {
            t.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /** One schedule: its last handled run instant, its pending re-try, its bounded history. */
    private final class Job implements ScheduledReport {
        private final Report<?> report;
        private final Schedule schedule;
        private final ReportSink sink;
        private final ArrayDeque<ReportExecution> history = new ArrayDeque<>();
        private Instant lastRun;
        private ReportExecution retry;
        private volatile boolean cancelled;

        Job(Report<?> report, Schedule schedule, ReportSink sink, Instant after) {
            this.report = report;
            this.schedule = schedule;
            this.sink = sink;
            this.lastRun = after;
        }

        @Override
        public Report<?> report() {
            return report;
        }

        @Override
        public Schedule schedule() {
            return schedule;
        }

        @Override
        public synchronized Instant nextRun() {
            if (cancelled) {
                return null;
            }
            Instant next = schedule.next(lastRun, zone);
            return retry != null && retry.dueAt().isBefore(next) ? retry.dueAt() : next;
        }

        @Override
        public synchronized List<ReportExecution> history() {
            return List.copyOf(new ArrayList<>(history));
        }

        @Override
        public void cancel() {
            cancelled = true;
            jobs.remove(this);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        /** Called under the scheduler's run lock. */
        int runDue(Instant now) {
            Instant latest = schedule.latest(now, zone);
            ReportExecution attempt;
            synchronized (this) {
                if (latest.isAfter(lastRun)) {
                    if (retry != null) {
                        replace(
                                retry,
                                finished(retry, ExecutionStatus.FAILED, null, 0, "superseded by the run of " + latest));
                        retry = null;
                    }
                    long missed = 0;
                    for (Instant t = schedule.next(lastRun, zone);
                            t.isBefore(latest) && missed < MAX_MISSED_COUNTED;
                            t = schedule.next(t, zone)) {
                        missed++;
                    }
                    lastRun = latest;
                    attempt = new ReportExecution(
                            report.name(),
                            schedule.coverage(latest, zone),
                            latest,
                            latest,
                            1,
                            ExecutionStatus.PENDING,
                            null,
                            null,
                            0,
                            null,
                            missed);
                    add(attempt);
                } else if (retry != null && !retry.dueAt().isAfter(now)) {
                    attempt = retry;
                    retry = null;
                } else {
                    return 0;
                }
            }
            run(attempt, now);
            return 1;
        }

        private void run(ReportExecution pending, Instant now) {
            ReportExecution running = new ReportExecution(
                    pending.report(),
                    pending.range(),
                    pending.scheduledFor(),
                    pending.dueAt(),
                    pending.attempt(),
                    ExecutionStatus.RUNNING,
                    now,
                    null,
                    0,
                    null,
                    pending.missedRuns());
            synchronized (this) {
                replace(pending, running);
            }
            ReportDelivery delivery = ReportDelivery.of(report, pending.range(), pending.scheduledFor());
            long start = nanos.getAsLong();
            Exception failure = null;
            try {
                sink.deliver(delivery);
            } catch (Exception e) {
                failure = e;
            }
            Duration took = Duration.ofNanos(nanos.getAsLong() - start);
            synchronized (this) {
                if (failure == null) {
                    replace(running, finished(running, ExecutionStatus.COMPLETED, took, delivery.rows(), null));
                    return;
                }
                log.warn(
                        "scheduled report {} for {} failed (attempt {} of {}): {}",
                        report.name(),
                        pending.range().label(),
                        pending.attempt(),
                        schedule.maxAttempts(),
                        failure.toString());
                replace(running, finished(running, ExecutionStatus.FAILED, took, 0, failure.toString()));
                if (pending.attempt() < schedule.maxAttempts()) {
                    int next = pending.attempt() + 1;
                    retry = new ReportExecution(
                            pending.report(),
                            pending.range(),
                            pending.scheduledFor(),
                            now.plus(schedule.retryDelay(next)),
                            next,
                            ExecutionStatus.PENDING,
                            null,
                            null,
                            0,
                            null,
                            pending.missedRuns());
                    add(retry);
                }
            }
        }

        private ReportExecution finished(
                ReportExecution e, ExecutionStatus status, Duration took, long rows, String error) {
            return new ReportExecution(
                    e.report(),
                    e.range(),
                    e.scheduledFor(),
                    e.dueAt(),
                    e.attempt(),
                    status,
                    e.startedAt(),
                    took,
                    rows,
                    error,
                    e.missedRuns());
        }

        private void add(ReportExecution e) {
            history.addLast(e);
            while (history.size() > HISTORY_LIMIT) {
                history.removeFirst();
            }
        }

        /** Replaces {@code old} (by identity, searching from the newest) with {@code now}. */
        private void replace(ReportExecution old, ReportExecution now) {
            List<ReportExecution> all = new ArrayList<>(history);
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i) == old) {
                    all.set(i, now);
                    history.clear();
                    history.addAll(all);
                    return;
                }
            }
            // dropped from the bounded history meanwhile: keep the newest state
            add(now);
        }
    }
}
