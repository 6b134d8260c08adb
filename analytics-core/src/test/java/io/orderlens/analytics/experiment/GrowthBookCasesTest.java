package io.orderlens.analytics.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Assignment against GrowthBook's SDK test vectors ({@code ../shared/data/growthbook/cases.json} beside the
 * repository, or the path in system property {@code orderlens.growthbookCases}). Every expected value is read from
 * the file.
 *
 * <p>{@code run} cases that use a feature of the GrowthBook SDK beyond hashing, bucket ranges, coverage, weights,
 * seeds, hash versions, namespaces and the active switch are skipped: targeting conditions, forced variations
 * (query string, context, experiment {@code force}), QA mode, the global {@code enabled} switch, a custom hash
 * attribute (ours is always the customer id), filters, explicit {@code ranges}, prerequisite flags and saved groups.
 * {@link #skippedRunCasesAreExactlyTheSdkOnlyOnes()} pins which and how many.
 */
class GrowthBookCasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SDK_ONLY_EXPERIMENT_FIELDS =
            Set.of("condition", "force", "hashAttribute", "filters", "ranges", "parentConditions");
    private static final Set<String> SDK_ONLY_CONTEXT_FIELDS =
            Set.of("url", "forcedVariations", "qaMode", "enabled", "features", "savedGroups");

    static JsonNode cases() throws IOException {
        String configured = System.getProperty("orderlens.growthbookCases");
        List<String> candidates = configured != null
                ? List.of(configured)
                : List.of("../../shared/data/growthbook/cases.json", "../shared/data/growthbook/cases.json");
        for (String candidate : candidates) {
            Path p = Paths.get(candidate).toAbsolutePath().normalize();
            if (Files.isRegularFile(p)) {
                return JSON.readTree(p.toFile());
            }
        }
        return fail("GrowthBook's cases.json not found at " + candidates
                + "; place the shared data folder beside the repository or set -Dorderlens.growthbookCases=PATH");
    }

    @TestFactory
    Stream<DynamicTest> hash() throws IOException {
        return stream(cases().get("hash"))
                .map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
                    double actual = Bucketing.hash(
                            c.get(0).asText(), c.get(1).asText(), c.get(2).asInt());
                    if (c.get(3).isNull()) {
                        assertThat(actual).isNaN();
                    } else {
                        assertThat(actual).isEqualTo(c.get(3).asDouble());
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> getBucketRange() throws IOException {
        return stream(cases().get("getBucketRange"))
                .map(c -> DynamicTest.dynamicTest(c.get(0).asText(), () -> {
                    JsonNode args = c.get(1);
                    double[] weights = args.get(2).isNull() ? null : doubles(args.get(2));
                    double[][] actual = Bucketing.bucketRanges(
                            args.get(0).asInt(), args.get(1).asDouble(), weights);
                    JsonNode expected = c.get(2);
                    assertThat(actual.length).isEqualTo(expected.size());
                    for (int i = 0; i < actual.length; i++) {
                        assertThat(floor8(actual[i][0]))
                                .isEqualTo(floor8(expected.get(i).get(0).asDouble()));
                        assertThat(floor8(actual[i][1]))
                                .isEqualTo(floor8(expected.get(i).get(1).asDouble()));
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> chooseVariation() throws IOException {
        return stream(cases().get("chooseVariation"))
                .map(c -> DynamicTest.dynamicTest(c.get(0).asText(), () -> {
                    double[][] ranges = ranges(c.get(2));
                    assertThat(Bucketing.chooseVariation(c.get(1).asDouble(), ranges))
                            .isEqualTo(c.get(3).asInt());
                }));
    }

    @TestFactory
    Stream<DynamicTest> inNamespace() throws IOException {
        return stream(cases().get("inNamespace"))
                .map(c -> DynamicTest.dynamicTest(c.get(0).asText(), () -> {
                    JsonNode ns = c.get(2);
                    boolean actual = Bucketing.inNamespace(
                            c.get(1).asText(),
                            ns.get(0).asText(),
                            ns.get(1).asDouble(),
                            ns.get(2).asDouble());
                    assertThat(actual).isEqualTo(c.get(3).asBoolean());
                }));
    }

    @TestFactory
    Stream<DynamicTest> getEqualWeights() throws IOException {
        return stream(cases().get("getEqualWeights"))
                .map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
                    double[] actual = Bucketing.equalWeights(c.get(0).asInt());
                    JsonNode expected = c.get(1);
                    assertThat(actual).hasSize(expected.size());
                    for (int i = 0; i < actual.length; i++) {
                        assertThat(floor8(actual[i]))
                                .isEqualTo(floor8(expected.get(i).asDouble()));
                    }
                }));
    }

    /**
     * A {@code run} case is {@code [name, context, experiment, expected value, inExperiment, hashUsed]}. The case's
     * experiment becomes an {@link Experiment} (status RUNNING unless {@code active} is false) and the context's
     * {@code id} attribute the customer id; assignment goes through the same path {@code assign} uses.
     */
    @TestFactory
    Stream<DynamicTest> run() throws IOException {
        return stream(cases().get("run"))
                .filter(c -> !sdkOnly(c))
                .map(c -> DynamicTest.dynamicTest(c.get(0).asText(), () -> {
                    JsonNode exp = c.get(2);
                    JsonNode variations = exp.get("variations");
                    String id = customerId(c.get(1));
                    int index = -1;
                    boolean active = !exp.has("active") || exp.get("active").asBoolean();
                    if (variations.size() >= 2 && active && id != null) {
                        index = new Assignment(experiment(exp)).bucket(id);
                    }
                    boolean inExperiment = index >= 0;
                    assertThat(inExperiment).isEqualTo(c.get(4).asBoolean());
                    assertThat(inExperiment).isEqualTo(c.get(5).asBoolean());
                    assertThat(variations.get(Math.max(index, 0))).isEqualTo(c.get(3));
                }));
    }

    @Test
    @DisplayName("skipped run cases are exactly the 22 that use SDK-only features")
    void skippedRunCasesAreExactlyTheSdkOnlyOnes() throws IOException {
        List<String> skipped = new ArrayList<>();
        stream(cases().get("run"))
                .filter(GrowthBookCasesTest::sdkOnly)
                .forEach(c -> skipped.add(c.get(0).asText()));
        assertThat(skipped)
                .containsExactlyInAnyOrder(
                        "evaluates conditions - pass",
                        "evaluates conditions - fail",
                        "custom hashAttribute",
                        "globally disabled",
                        "querystring force",
                        "querystring force with inactive",
                        "negative forced variation",
                        "high forced variation",
                        "coverage take precendence over forced",
                        "Force variation from context",
                        "Skips experiments in QA mode",
                        "Works in QA mode if forced in context",
                        "Works in QA mode if forced in experiment",
                        "Filtered, included",
                        "Filtered, excluded",
                        "Filtered, ignore namespace",
                        "Ranges, ignore coverage and weights",
                        "Ranges, partial coverage",
                        "Uses seed and hash version",
                        "Prerequisite condition passes",
                        "Prerequisite condition fails",
                        "SavedGroups correctly pulled from context for experiment");
    }

    private static boolean sdkOnly(JsonNode c) {
        JsonNode context = c.get(1);
        JsonNode exp = c.get(2);
        return SDK_ONLY_EXPERIMENT_FIELDS.stream().anyMatch(exp::has)
                || SDK_ONLY_CONTEXT_FIELDS.stream().anyMatch(context::has);
    }

    private static String customerId(JsonNode context) {
        JsonNode attributes = context.get("attributes");
        if (attributes == null
                || attributes.get("id") == null
                || attributes.get("id").isNull()) {
            return null;
        }
        return attributes.get("id").asText();
    }

    private static Experiment experiment(JsonNode exp) {
        int n = exp.get("variations").size();
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = "v" + i;
        }
        Experiment.Builder b = Experiment.builder(exp.get("key").asText())
                .variations(keys)
                .hashVersion(exp.has("hashVersion") ? exp.get("hashVersion").asInt() : 1)
                .status(ExperimentStatus.RUNNING);
        if (exp.has("weights")) {
            b.weights(doubles(exp.get("weights")));
        }
        if (exp.has("coverage")) {
            b.coverage(exp.get("coverage").asDouble());
        }
        if (exp.has("seed")) {
            b.seed(exp.get("seed").asText());
        }
        if (exp.has("namespace")) {
            JsonNode ns = exp.get("namespace");
            b.namespace(ns.get(0).asText(), ns.get(1).asDouble(), ns.get(2).asDouble());
        }
        return b.build();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list.stream();
    }

    private static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asDouble();
        }
        return d;
    }

    private static double[][] ranges(JsonNode array) {
        double[][] r = new double[array.size()][];
        for (int i = 0; i < r.length; i++) {
            r[i] = new double[] {
                array.get(i).get(0).asDouble(), array.get(i).get(1).asDouble()
            };
        }
        return r;
    }

    private static double floor8(double d) {
        return Math.floor(d * 1e8) / 1e8;
    }
}
