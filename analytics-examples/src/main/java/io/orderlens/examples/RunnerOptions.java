package io.orderlens.examples;

import java.nio.file.Path;

/**
 * What one run of the example does, as checked by {@link RunCommand}: every value is in range and the options fit
 * together (an Online Retail run has a readable input, output files have an existing directory).
 *
 * @param source     where events come from
 * @param input      the Online Retail file ({@code --source online-retail}), else null
 * @param seed       seed of the generated data set
 * @param days       days of the generated data set
 * @param customers  customers of the generated data set
 * @param batchSize  events per batch fed to the library
 * @param exportJson where to write the JSON export, or null
 * @param report     where to write the HTML report, or null
 * @param mongoUri   a MongoDB connection string, or null for the in-memory store
 * @param redisUri   a Redis URI, or null for no cache
 * @param csvDir     where to write every built-in report as CSV, or null
 */
public record RunnerOptions(
        Source source,
        Path input,
        long seed,
        int days,
        int customers,
        int batchSize,
        Path exportJson,
        Path report,
        String mongoUri,
        String redisUri,
        Path csvDir) {

    /** Where the events of a run come from. */
    public enum Source {
        /** The seeded food-delivery data set. */
        GENERATED,
        /** A replay of the UCI Online Retail file. */
        ONLINE_RETAIL
    }

    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_DAYS = 90;
    public static final int DEFAULT_CUSTOMERS = 800;
    public static final int DEFAULT_BATCH_SIZE = 500;
}
