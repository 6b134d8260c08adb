package io.orderlens.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The library's order path needs only slf4j-api at run time: on a class loader with nothing but the library's
 * classes (and this module's test classes, for the probe) and slf4j-api, a host's calls work, and only the optional
 * Micrometer binder fails to load. (Experiment results also need Apache Commons Statistics, and the lifetime-value
 * fits Apache Commons Numbers, the other runtime dependencies.) The build's enforcer rule checks the declared side of
 * the same promise.
 */
class RuntimeClasspathTest {
    @Test
    void theLibraryRunsWithSlf4jApiAloneAndOnlyTheMicrometerBinderNeedsMore() throws Exception {
        URL[] classpath = {
            location(Analytics.class), location(RuntimeClasspathTest.class), location(LoggerFactory.class)
        };
        try (URLClassLoader bare = new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> bare.loadClass("io.micrometer.core.instrument.MeterRegistry"))
                    .as("Micrometer must not be reachable, or this test proves nothing")
                    .isInstanceOf(ClassNotFoundException.class);

            @SuppressWarnings("unchecked")
            Callable<Long> probe = (Callable<Long>) bare.loadClass(RuntimeProbe.class.getName())
                    .getDeclaredConstructor()
                    .newInstance();
            assertThat(probe.getClass().getClassLoader()).isSameAs(bare);
            assertThat(probe.call()).isEqualTo(5L);

            assertThatThrownBy(() -> Class.forName("io.orderlens.analytics.micrometer.AnalyticsMetrics", true, bare))
                    .isInstanceOf(NoClassDefFoundError.class)
                    .hasMessageContaining("io/micrometer");
        }
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
