package io.orderlens.analytics.backfill;

import io.orderlens.analytics.AnalyticsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

final class FileCheckpoint implements BackfillCheckpoint {
    private final Path file;

    FileCheckpoint(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("checkpoint file must not be null");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("checkpoint file " + file + " is a directory");
        }
        this.file = file.toAbsolutePath();
    }

    /**
     * @throws AnalyticsException if the file cannot be read or does not hold a non-negative decimal number
     */
    @Override
    public long load() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new AnalyticsException("cannot read backfill checkpoint " + file, e);
        }
        try {
            long position = Long.parseLong(text);
            if (position < 0) {
                throw new NumberFormatException("negative");
            }
            return position;
        } catch (NumberFormatException e) {
            throw new AnalyticsException(
                    "backfill checkpoint " + file + " must hold a non-negative whole number, found \"" + text + "\"",
                    e);
        }
    }

    /**
     * @throws AnalyticsException if the file cannot be written
     */
    @Override
    public void save(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative, got " + position);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, Long.toString(position) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new AnalyticsException("cannot write backfill checkpoint " + file, e);
        }
    }

    @Override
    public String toString() {
        return "BackfillCheckpoint.file(" + file + ")";
    }
}
