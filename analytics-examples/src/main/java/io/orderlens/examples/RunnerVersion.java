package io.orderlens.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version line of {@code --version}: the build's version, read from a resource the build writes. */
final class RunnerVersion implements IVersionProvider {
    static final String RESOURCE = "/io/orderlens/examples/version.properties";

    @Override
    public String[] getVersion() {
        Properties p = new Properties();
        try (InputStream in = RunnerVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the build did not write " + RESOURCE);
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String[] {
            "OrderLens examples " + p.getProperty("version"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
