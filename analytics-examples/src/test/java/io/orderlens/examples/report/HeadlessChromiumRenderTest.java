package io.orderlens.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.orderlens.examples.RunnerHarness;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a report in a real browser (headless Chromium) and checks that the screenshot shows charts, not a blank
 * page. Skipped, with a message saying how to install it, only when no Chromium is on the PATH.
 */
class HeadlessChromiumRenderTest {
    static final String INSTALL = "apt-get install -y --no-install-recommends chromium";

    @TempDir
    Path dir;

    static Optional<Path> chromium() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String d : path.split(File.pathSeparator)) {
                Path candidate = Path.of(d, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void theReportRendersAsVisibleChartsInARealBrowser() throws Exception {
        Optional<Path> browser = chromium();
        assumeTrue(
                browser.isPresent(),
                "headless Chromium not found on PATH (chromium, chromium-browser, "
                        + "google-chrome); install it with: " + INSTALL);
        Path report = dir.resolve("report.html");
        RunnerHarness.Run run = RunnerHarness.run("--days", "30", "--customers", "200", "--report", report.toString());
        assertThat(run.status()).as(run.err()).isZero();

        Path png = dir.resolve("shot.png");
        Path profile = Files.createDirectory(dir.resolve("profile"));
        Process p = new ProcessBuilder(
                        browser.get().toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--screenshot=" + png,
                        "--window-size=1200,2000",
                        report.toUri().toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile())
                .start();
        boolean exited = p.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            p.destroyForcibly();
        }
        assertThat(exited).as("chromium finished within 3 minutes").isTrue();
        assertThat(png).as(log()).exists();

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(2000);
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        long total = (long) image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (r < 235 || g < 235 || b < 235) {
                    nonWhite++;
                }
            }
        }
        assertThat(colours.size()).as("distinct colours").isGreaterThan(200);
        assertThat(nonWhite * 100 / total)
                .as("percent of clearly non-white pixels")
                .isGreaterThanOrEqualTo(8);
        // the chart colours themselves are on screen: the blue of the revenue area and bars
        assertThat(colours).contains(0x2563eb);
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("chromium.log"));
        } catch (IOException e) {
            return "(no chromium log)";
        }
    }
}
