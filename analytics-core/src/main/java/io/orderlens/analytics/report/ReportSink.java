package io.orderlens.analytics.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Where a scheduled run goes. A sink that throws fails the attempt, which is re-tried as its schedule says; a sink is
 * called by one thread at a time per schedule.
 */
@FunctionalInterface
public interface ReportSink {

    /** Delivers one run, typically by {@code delivery.writeTo(format, out)}. */
    void deliver(ReportDelivery delivery) throws Exception;

    /**
     * Writes each run to {@code directory} (created if missing) as {@link ReportDelivery#fileName}: a run of the same
     * period again replaces the file. The file is written under a temporary name and then moved into place, so a
     * reader never sees half a report and a failed attempt leaves no file behind.
     */
    static ReportSink directory(Path directory, ReportFormat format) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(format, "format");
        return delivery -> {
            Files.createDirectories(directory);
            Path target = directory.resolve(delivery.fileName(format));
            Path tmp = Files.createTempFile(directory, "." + delivery.report().name() + "-", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    delivery.writeTo(format, out);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                deleteQuietly(tmp);
            }
        };
    }

    private static void deleteQuietly(Path p) throws IOException {
        Files.deleteIfExists(p);
    }
}
