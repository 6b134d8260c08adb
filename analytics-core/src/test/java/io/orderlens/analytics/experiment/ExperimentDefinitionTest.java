package io.orderlens.analytics.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExperimentDefinitionTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    private static Experiment full() {
        return Experiment.builder("free-delivery-banner")
                .variations("control", "banner", "banner-big")
                .weights(0.5, 0.25, 0.25)
                .coverage(0.8)
                .seed("fdb-2026")
                .hashVersion(1)
                .namespace("checkout", 0.1, 0.6)
                .window(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"))
                .attributionWindow(Duration.ofDays(14))
                .build();
    }

    @Test
    void definitionRoundTripsThroughJson() throws Exception {
        Experiment e = full();

        String json = JSON.writeValueAsString(e);
        Experiment back = JSON.readValue(json, Experiment.class);

        assertThat(back).isEqualTo(e);
        assertThat(json).contains("\"start\":\"2026-03-01T00:00:00Z\"").contains("\"attributionWindow\":\"PT336H\"");
    }

    @Test
    void builderDefaultsFollowGrowthBook() {
        Experiment e = Experiment.builder("k").build();

        assertThat(e.seed()).isEqualTo("k");
        assertThat(e.hashVersion()).isEqualTo(2);
        assertThat(e.coverage()).isEqualTo(1.0);
        assertThat(e.variations()).containsExactly(new Variation("control", 0.5), new Variation("treatment", 0.5));
        assertThat(e.status()).isEqualTo(ExperimentStatus.DRAFT);
    }

    @Test
    void jsonWithBadWeightsIsRejectedOnRead() {
        String json = "{\"key\":\"k\",\"variations\":[{\"key\":\"a\",\"weight\":0.7},{\"key\":\"b\",\"weight\":0.7}],"
                + "\"coverage\":1,\"seed\":\"k\",\"hashVersion\":2,\"status\":\"DRAFT\"}";

        assertThatThrownBy(() -> JSON.readValue(json, Experiment.class))
                .hasRootCauseInstanceOf(InvalidExperimentException.class)
                .rootCause()
                .hasMessageContaining("weights of experiment 'k' must sum to 1 (± 0.01), got 1.4");
    }

    @Test
    void lifecycleAllowsOnlyTheDocumentedMoves() {
        Experiment draft = full();
        Experiment running = draft.withStatus(ExperimentStatus.RUNNING);
        Experiment paused = running.withStatus(ExperimentStatus.PAUSED);
        Experiment resumed = paused.withStatus(ExperimentStatus.RUNNING);
        Experiment completed = resumed.withStatus(ExperimentStatus.COMPLETED);

        assertThat(completed.status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(paused.withStatus(ExperimentStatus.COMPLETED).status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThatThrownBy(() -> draft.withStatus(ExperimentStatus.PAUSED))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageStartingWith("experiment 'free-delivery-banner' cannot move from DRAFT to PAUSED");
        assertThatThrownBy(() -> completed.withStatus(ExperimentStatus.RUNNING))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("from COMPLETED to RUNNING");
        assertThatThrownBy(() -> running.withStatus(ExperimentStatus.DRAFT))
                .isInstanceOf(InvalidExperimentException.class);
    }

    @Test
    void admitsOnlyWhileRunningAndInsideItsWindow() {
        Experiment running = full().withStatus(ExperimentStatus.RUNNING);

        assertThat(running.admitsAt(Instant.parse("2026-03-15T00:00:00Z"))).isTrue();
        assertThat(running.admitsAt(Instant.parse("2026-02-28T23:59:59Z"))).isFalse();
        assertThat(running.admitsAt(Instant.parse("2026-04-01T00:00:00Z"))).isFalse();
        assertThat(running.withStatus(ExperimentStatus.PAUSED).admitsAt(Instant.parse("2026-03-15T00:00:00Z")))
                .isFalse();
        assertThat(full().admitsAt(Instant.parse("2026-03-15T00:00:00Z"))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|control,treatment|0.5,0.5|1|2|experiment key must be non-blank",
                "k|control|1|1|2|needs at least 2 variations, got 1",
                "k|a,a|0.5,0.5|1|2|has variation key 'a' twice",
                "k|a,b|0.6,0.6|1|2|must sum to 1 (± 0.01), got 1.2",
                "k|a,b|1.5,-0.5|1|2|weight of variation 'a' must be in [0, 1], got 1.5",
                "k|a,b,c|0.5,0.5|1|2|has 3 variations but 2 weights",
                "k|a,b|0.5,0.5|1.2|2|coverage of experiment 'k' must be in [0, 1], got 1.2",
                "k|a,b|0.5,0.5|1|3|hash version of experiment 'k' must be 1 or 2, got 3",
            })
    void badDefinitionsAreRejectedWithSpecificMessages(
            String key, String variations, String weights, double coverage, int hashVersion, String message) {
        double[] w = List.of(weights.split(",")).stream()
                .mapToDouble(Double::parseDouble)
                .toArray();

        assertThatThrownBy(() -> Experiment.builder(key)
                        .variations(variations.split(","))
                        .weights(w)
                        .coverage(coverage)
                        .hashVersion(hashVersion)
                        .build())
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void badWindowsAndNamespacesAreRejected() {
        Instant t = Instant.parse("2026-03-01T00:00:00Z");
        assertThatThrownBy(() -> Experiment.builder("k").window(t, t).build())
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("end of experiment 'k' must be after its start");
        assertThatThrownBy(() ->
                        Experiment.builder("k").attributionWindow(Duration.ZERO).build())
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("attribution window of experiment 'k' must be positive, got PT0S");
        assertThatThrownBy(
                        () -> Experiment.builder("k").namespace("ns", 0.5, 0.5).build())
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("namespace 'ns' range must satisfy 0 <= start < end <= 1, got [0.5, 0.5)");
    }

    @Test
    void assignmentIsDeterministicAndRespectsWeightsAndCoverage() {
        Assignment a = new Assignment(Experiment.builder("w")
                .weights(0.2, 0.8)
                .coverage(0.5)
                .status(ExperimentStatus.RUNNING)
                .build());
        int[] counts = new int[3];
        for (int i = 0; i < 100_000; i++) {
            int v = a.bucket("c-" + i);
            assertThat(a.bucket("c-" + i)).isEqualTo(v);
            counts[v + 1]++;
        }
        // out of coverage ≈ 50%, control ≈ 10%, treatment ≈ 40% (hash v2 has 10,000 buckets)
        assertThat(counts[0]).isBetween(48_000, 52_000);
        assertThat(counts[1]).isBetween(9_000, 11_000);
        assertThat(counts[2]).isBetween(38_000, 42_000);
    }
}
