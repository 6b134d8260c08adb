package io.orderlens.examples;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One computation on a daemon thread of its own, so that it overlaps with what the starting thread does meanwhile.
 * {@link #result()} waits for it and rethrows its failure as it was; {@link #close()} waits until the thread has ended,
 * so that none outlives its caller. For one caller thread.
 *
 * @param <T> the computed value
 */
final class Background<T> implements AutoCloseable {
    private final FutureTask<T> task;
    private final Thread thread;

    private Background(FutureTask<T> task, Thread thread) {
        this.task = task;
        this.thread = thread;
    }

    /** Starts {@code computation} on a new daemon thread named {@code name}. */
    static <T> Background<T> start(String name, Callable<T> computation) {
        FutureTask<T> task = new FutureTask<>(Objects.requireNonNull(computation, "computation"));
        Thread thread = new Thread(task, Objects.requireNonNull(name, "name"));
        thread.setDaemon(true);
        thread.start();
        return new Background<>(task, thread);
    }

    /**
     * The computed value, waiting for it if need be.
     *
     * @throws RuntimeException the computation's own exception ({@link Error}s are rethrown as well)
     * @throws IllegalStateException if the calling thread is interrupted while waiting (its interrupt flag stays set)
     *                               or the computation was cancelled or threw a checked exception
     */
    T result() {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + thread.getName(), e);
        } catch (CancellationException e) {
            throw new IllegalStateException(thread.getName() + " was cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(thread.getName() + " failed: " + cause, cause);
        }
    }

    /** Interrupts the computation unless it is done, and waits until its thread has ended. Idempotent. */
    @Override
    public void close() {
        task.cancel(true);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
