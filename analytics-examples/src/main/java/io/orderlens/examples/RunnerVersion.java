package io.orderlens.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/** The version line of {@code --version}: the build's version, read from a resource the build writes. */
final class RunnerVersion {
    static final String RESOURCE = "/io/orderlens/examples/version.properties";

    private RunnerVersion() {}

    /**
     * The lines {@code --version} prints: the build's version and the JVM's.
     *
     * @throws IllegalStateException if the build did not write the version resource
     */
    static List<String> lines() {
        Properties p = new Properties();
        try (InputStream in = RunnerVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the build did not write " + RESOURCE);
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(
                "OrderLens examples " + p.getProperty("version"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
    }
}
