package io.orderlens.analytics.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.AnalyticsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackfillCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void aFileCheckpointSurvivesARestart() throws IOException {
        Path file = dir.resolve("backfill.pos");
        BackfillCheckpoint first = BackfillCheckpoint.file(file);
        assertThat(first.load()).isZero();

        first.save(4_200);

        assertThat(BackfillCheckpoint.file(file).load()).isEqualTo(4_200);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("4200\n");
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file); // the temporary file was moved over, not left behind
        }
    }

    @Test
    void aCorruptCheckpointFileIsReportedNotTreatedAsZero() throws IOException {
        Path file = dir.resolve("backfill.pos");
        Files.writeString(file, "forty-two", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> BackfillCheckpoint.file(file).load())
                .isInstanceOf(AnalyticsException.class)
                .hasMessageContaining("non-negative whole number")
                .hasMessageContaining("forty-two");
    }

    @Test
    void aCheckpointRefusesNegativePositionsAndDirectories() {
        assertThatThrownBy(() -> BackfillCheckpoint.file(dir.resolve("p")).save(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BackfillCheckpoint.inMemory().save(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BackfillCheckpoint.file(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void theInMemoryCheckpointRemembersAndNoneForgets() {
        BackfillCheckpoint memory = BackfillCheckpoint.inMemory();
        memory.save(7);
        BackfillCheckpoint none = BackfillCheckpoint.none();
        none.save(7);

        assertThat(memory.load()).isEqualTo(7);
        assertThat(none.load()).isZero();
    }
}
