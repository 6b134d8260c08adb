package io.orderlens.analytics.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The source-level half of the boundary ({@link BoundaryTest} checks the compiled classes, where an unused import
 * leaves no trace): no source file outside {@code internal} imports an internal type, except the facade and its
 * package-private wiring.
 */
class InternalImportsTest {
    private static final Path SOURCES = Path.of("src/main/java/io/orderlens/analytics");
    /** The front door and its package-private wiring: the one place that assembles the engine. */
    private static final List<Path> FACADE = List.of(SOURCES.resolve("Analytics.java"), SOURCES.resolve("Wiring.java"));

    @Test
    void noApiOrSpiSourceImportsAnInternalType() throws IOException {
        assertThat(SOURCES).isDirectory();
        List<String> leaks = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (file.startsWith(SOURCES.resolve("internal")) || FACADE.contains(file)) {
                    continue;
                }
                checked++;
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("import io.orderlens.analytics.internal.")
                            || line.startsWith("import static io.orderlens.analytics.internal.")) {
                        leaks.add(SOURCES.relativize(file) + ": " + line);
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(leaks).as("API and SPI sources importing internal types").isEmpty();
    }
}
