package io.orderlens.examples.retail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;

/** Builds small Online Retail files for tests and finds the complete data set. */
public final class RetailCsv {
    private RetailCsv() {}

    /** The header and the given data lines, LF-terminated. */
    public static String text(String... rows) {
        StringBuilder sb = new StringBuilder(OnlineRetailReader.HEADER).append('\n');
        for (String r : rows) {
            sb.append(r).append('\n');
        }
        return sb.toString();
    }

    public static OnlineRetailReader reader(String... rows) {
        return OnlineRetailReader.of(new ByteArrayInputStream(text(rows).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The complete {@code online_retail.csv.gz}: the path in system property {@code orderlens.onlineRetail} if
     * set, else the shared data folder next to the repository.
     */
    public static Optional<Path> completeFile() {
        String configured = System.getProperty("orderlens.onlineRetail");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Paths.get(configured));
        }
        for (String candidate : List.of(
                "../../shared/data/online-retail/online_retail.csv.gz",
                "../shared/data/online-retail/online_retail.csv.gz")) {
            Path p = Paths.get(candidate).toAbsolutePath().normalize();
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Message for tests skipped because the complete data set is not present. */
    public static final String MISSING = "online_retail.csv.gz not found next to the repository "
            + "(../shared/data/online-retail/); set -Dorderlens.onlineRetail=PATH to run this test";
}
