package io.orderlens.analytics.flag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderlens.analytics.testing.MutableClock;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class FlagsTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final AtomicReference<List<FeatureFlag>> definitions = new AtomicReference<>(List.of());
    private final AtomicInteger loads = new AtomicInteger();

    private Flags flags(FeatureFlag... fs) {
        definitions.set(List.of(fs));
        return new Flags(
                () -> {
                    loads.incrementAndGet();
                    return definitions.get();
                },
                null,
                Flags.DEFAULT_TTL,
                clock,
                ZONE);
    }

    /**
     * GrowthBook's {@code feature} cases with one force rule that has a {@code coverage} and nothing else our rules
     * do not model (conditions, ranges, filters); the bad-hash-version case is covered by
     * {@link #badDefinitionsAreRejected()} since such a rule cannot be defined here. Expected values from the file.
     */
    @TestFactory
    Stream<DynamicTest> rolloutsMatchGrowthBookCoverageRules() throws Exception {
        JsonNode cases = new ObjectMapper().readTree(casesFile()).get("feature");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            JsonNode ctx = c.get(1);
            String key = c.get(2).asText();
            JsonNode feature = ctx.path("features").path(key);
            JsonNode rules = feature.path("rules");
            if (rules.size() != 1
                    || !rules.get(0).has("coverage")
                    || !rules.get(0).has("force")) {
                continue;
            }
            JsonNode r = rules.get(0);
            if (r.has("condition")
                    || r.has("range")
                    || r.has("filters")
                    || r.path("hashVersion").asInt(1) > 2) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(c.get(0).asText(), () -> {
                FlagRule rule = FlagRule.rollout(
                                Targeting.everyone(),
                                r.get("force").toString(),
                                r.get("coverage").asDouble())
                        .hashedWith(
                                r.has("seed") ? r.get("seed").asText() : null,
                                r.path("hashVersion").asInt(1));
                Flags f = flags(
                        new FeatureFlag(key, true, feature.get("defaultValue").toString(), List.of(rule)));
                JsonNode id = ctx.path("attributes").get("id");
                String value = f.value(key, id == null ? null : id.asText(), Map.of());
                assertThat(value).isEqualTo(c.get(3).get("value").toString());
            }));
        }
        assertThat(tests).hasSize(7);
        return tests.stream();
    }

    @Test
    void twentyPercentRolloutHoldsTheCustomersWhoseHashIsAtMostPointTwo() {
        Flags f = flags(FeatureFlag.bool("new-checkout", FlagRule.rollout(Targeting.everyone(), "true", 0.2)));
        int on = 0;
        for (int i = 0; i < 10_000; i++) {
            boolean expected = io.orderlens.analytics.experiment.Bucketing.hash("new-checkout", "c-" + i, 1) <= 0.2;
            boolean actual = f.isOn("new-checkout", "c-" + i, null);
            assertThat(actual).isEqualTo(expected);
            on += actual ? 1 : 0;
        }
        assertThat(on).isBetween(1_800, 2_200);
    }

    @Test
    void targetingByDenyListAllowListAndAttributes() {
        FeatureFlag flag = FeatureFlag.bool(
                "beta",
                FlagRule.force(Targeting.customers("c-1", "c-2").excluding("c-2"), "true"),
                FlagRule.force(Targeting.attribute("role", "staff", "admin").excluding("c-9"), "true"));
        Flags f = flags(flag);

        assertThat(f.isOn("beta", "c-1", null)).isTrue();
        assertThat(f.isOn("beta", "c-2", null)).isFalse();
        assertThat(f.isOn("beta", "c-3", Map.of("role", "staff"))).isTrue();
        assertThat(f.isOn("beta", "c-3", Map.of("role", "customer"))).isFalse();
        assertThat(f.isOn("beta", "c-9", Map.of("role", "admin"))).isFalse();
        assertThat(f.isOn("beta", null, Map.of("role", "admin"))).isTrue();
        assertThat(f.value("beta", "c-4", Map.of())).isEqualTo("false");
    }

    @Test
    void aDisabledFlagServesItsDefaultAndAnUnknownFlagIsOff() {
        Flags f = flags(new FeatureFlag("banner", false, "v0", List.of(FlagRule.force(null, "v1"))));

        assertThat(f.value("banner", "c-1", null)).isEqualTo("v0");
        assertThat(f.value("no-such-flag", "c-1", null)).isNull();
        assertThat(f.isOn("no-such-flag", "c-1", null)).isFalse();
        assertThat(f.takeCounts())
                .as("only the known flag is counted")
                .extracting(FlagDayTally::flag)
                .containsExactly("banner");
    }

    @Test
    void experimentRulesServeTheAssignedVariationAndFallThroughWhenNotAssigned() {
        List<String> exposures = new CopyOnWriteArrayList<>();
        definitions.set(List.of(new FeatureFlag(
                "banner",
                true,
                "none",
                List.of(
                        FlagRule.experiment(Targeting.everyone(), "free-delivery"),
                        FlagRule.force(null, "fallback")))));
        Flags f = new Flags(
                definitions::get,
                (experiment, customer) -> {
                    exposures.add(experiment + "/" + customer);
                    return customer.equals("c-out") ? null : "treatment";
                },
                Flags.DEFAULT_TTL,
                clock,
                ZONE);

        assertThat(f.value("banner", "c-1", null)).isEqualTo("treatment");
        assertThat(f.value("banner", "c-out", null)).isEqualTo("fallback");
        assertThat(f.value("banner", null, null)).isEqualTo("fallback");
        assertThat(exposures).containsExactly("free-delivery/c-1", "free-delivery/c-out");
    }

    @Test
    void definitionsAreReloadedAfterTheTtlAndAFailingReloadKeepsThePreviousOnes() {
        Flags f = flags(FeatureFlag.bool("x", FlagRule.force(null, "true")));
        assertThat(f.isOn("x", "c", null)).isTrue();

        definitions.set(List.of(FeatureFlag.bool("x")));
        clock.advance(Duration.ofMinutes(4));
        assertThat(f.isOn("x", "c", null)).isTrue();
        assertThat(loads.get()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        assertThat(f.isOn("x", "c", null)).isFalse();
        assertThat(loads.get()).isEqualTo(2);

        definitions.set(null);
        clock.advance(Duration.ofMinutes(5));
        assertThat(f.isOn("x", "c", null)).isFalse();
        assertThat(loads.get()).isEqualTo(3);
    }

    @Test
    void evaluationsAreCountedPerBusinessDayAndEachIsTakenOnce() {
        Flags f = flags(FeatureFlag.bool("x", FlagRule.force(Targeting.customers("c-1"), "true")));
        f.isOn("x", "c-1", null);
        f.isOn("x", "c-2", null);
        f.isOn("x", "c-3", null);
        clock.set(Instant.parse("2026-03-01T18:30:00Z")); // midnight in Kolkata
        f.isOn("x", "c-1", null);

        assertThat(f.takeCounts())
                .containsExactlyInAnyOrder(
                        new FlagDayTally(
                                "x", LocalDate.parse("2026-03-01"), 3, 1, Map.of("true", 1L, "false", 2L), null),
                        new FlagDayTally("x", LocalDate.parse("2026-03-02"), 1, 1, Map.of("true", 1L), null));
        assertThat(f.takeCounts()).as("nothing counted since").isEmpty();

        f.isOn("x", "c-2", null);
        assertThat(f.takeCounts())
                .containsExactly(new FlagDayTally("x", LocalDate.parse("2026-03-02"), 1, 0, Map.of("false", 1L), null));
    }

    @Test
    void aDaysCountersAreReleasedAMinuteAfterItsEndWithTheirLastCountsTaken() {
        Flags f = flags(FeatureFlag.bool("x", FlagRule.force(null, "true")));
        clock.set(Instant.parse("2026-03-01T18:29:59Z")); // a second before midnight in Kolkata
        f.isOn("x", "c-1", null);
        assertThat(f.countedDays()).isEqualTo(1);
        f.takeCounts();

        clock.set(Instant.parse("2026-03-01T18:30:59Z"));
        f.isOn("x", "c-1", null);
        assertThat(f.takeCounts()).extracting(FlagDayTally::date).containsExactly(LocalDate.parse("2026-03-02"));
        assertThat(f.countedDays()).as("the old day is kept for a minute").isEqualTo(2);

        clock.set(Instant.parse("2026-03-01T18:31:00Z"));
        assertThat(f.takeCounts()).isEmpty();
        assertThat(f.countedDays()).isEqualTo(1);
    }

    @Test
    void beyondTheLimitOfCountedFlagDaysEvaluationsAreServedButNotCounted() {
        definitions.set(List.of(
                FeatureFlag.bool("a", FlagRule.force(null, "true")),
                FeatureFlag.bool("b", FlagRule.force(null, "true")),
                FeatureFlag.bool("c", FlagRule.force(null, "true"))));
        Flags f = new Flags(definitions::get, null, Flags.DEFAULT_TTL, clock, ZONE, 2);

        assertThat(f.isOn("a", "c-1", null)).isTrue();
        assertThat(f.isOn("b", "c-1", null)).isTrue();
        assertThat(f.isOn("c", "c-1", null)).as("still served").isTrue();
        assertThat(f.isOn("c", "c-2", null)).isTrue();
        assertThat(f.isOn("a", "c-2", null)).isTrue();

        assertThat(f.uncountedEvaluations()).isEqualTo(2);
        assertThat(f.takeCounts())
                .extracting(FlagDayTally::flag, FlagDayTally::evaluations)
                .containsExactlyInAnyOrder(tuple("a", 2L), tuple("b", 1L));
        assertThatThrownBy(() -> new Flags(definitions::get, null, Flags.DEFAULT_TTL, clock, ZONE, 0))
                .isInstanceOf(InvalidFlagException.class)
                .hasMessage("the limit of counted flag-days must be positive, got 0");
    }

    @Test
    void aFlagDayCountsAtMostSixtyFourDistinctValuesAndEveryEvaluation() {
        List<FlagRule> rules = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            rules.add(FlagRule.force(Targeting.customers("c-" + i), "v" + i));
        }
        Flags f = flags(new FeatureFlag("many", true, null, rules));
        for (int i = 0; i < 70; i++) {
            f.value("many", "c-" + i, null);
        }
        f.value("many", "c-none", null);

        FlagDayTally t = f.takeCounts().get(0);
        assertThat(t.evaluations()).isEqualTo(71);
        assertThat(t.on()).isEqualTo(70);
        assertThat(t.values()).hasSize(FlagDayTally.MAX_VALUES);
    }

    @Test
    void aTallyAddsAFlushOnlyAfterTheInstancesLastOne() {
        FlagDayTally t = FlagDayTally.empty("x", LocalDate.parse("2026-03-01"))
                .plus(3, 1, Map.of("true", 1L, "false", 2L), "i-1", 5);

        assertThat(t.lastFlush("i-1")).isEqualTo(5);
        assertThat(t.lastFlush("i-2")).isZero();
        assertThat(t.plus(1, 1, Map.of("true", 1L), "i-2", 1))
                .isEqualTo(new FlagDayTally(
                        "x",
                        LocalDate.parse("2026-03-01"),
                        4,
                        2,
                        Map.of("true", 2L, "false", 2L),
                        Map.of("i-1", 5L, "i-2", 1L)));
        assertThatThrownBy(() -> t.plus(1, 0, Map.of(), "i-1", 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flush 5 of instance i-1 is not after its last one here, 5");
        assertThatThrownBy(() -> new FlagDayTally("x", LocalDate.parse("2026-03-01"), -1, 0, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("counts must not be negative");
    }

    @Test
    void badDefinitionsAreRejected() {
        assertThatThrownBy(() -> FlagRule.rollout(null, "true", 1.5))
                .isInstanceOf(InvalidFlagException.class)
                .hasMessage("rollout coverage must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> FlagRule.rollout(null, "true", 0.5).hashedWith(null, 99))
                .isInstanceOf(InvalidFlagException.class)
                .hasMessage("rollout hash version must be 1 or 2, got 99");
        assertThatThrownBy(() -> FlagRule.experiment(null, " "))
                .isInstanceOf(InvalidFlagException.class)
                .hasMessageContaining("EXPERIMENT rule needs an experiment key");
        assertThatThrownBy(() -> FlagRule.force(null, null))
                .isInstanceOf(InvalidFlagException.class)
                .hasMessage("FORCE rule needs a value");
        assertThatThrownBy(() -> new FeatureFlag("", true, null, null))
                .isInstanceOf(InvalidFlagException.class)
                .hasMessageContaining("flag key must be non-blank");
        assertThatThrownBy(() -> Targeting.attribute("role"))
                .isInstanceOf(InvalidFlagException.class)
                .hasMessageContaining("at least one value");
        assertThatThrownBy(() -> new Flags(List::of, null, Duration.ZERO, clock, ZONE))
                .isInstanceOf(InvalidFlagException.class)
                .hasMessage("flag definition TTL must be positive, got PT0S");
    }

    @Test
    void definitionsRoundTripThroughJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        FeatureFlag flag = new FeatureFlag(
                "f",
                true,
                "off",
                List.of(
                        FlagRule.force(Targeting.attribute("role", "staff").excluding("c-9"), "on"),
                        FlagRule.rollout(null, "on", 0.2).hashedWith("s", 2),
                        FlagRule.experiment(null, "exp")));

        assertThat(json.readValue(json.writeValueAsString(flag), FeatureFlag.class))
                .isEqualTo(flag);
    }

    private static File casesFile() {
        for (String candidate :
                List.of("../../shared/data/growthbook/cases.json", "../shared/data/growthbook/cases.json")) {
            File f = new File(candidate);
            if (f.isFile()) {
                return f;
            }
        }
        throw new AssertionError(
                "GrowthBook's cases.json not found beside the repository (../shared/data/growthbook/)");
    }
}
