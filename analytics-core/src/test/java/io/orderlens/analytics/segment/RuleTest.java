package io.orderlens.analytics.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules are immutable values, checked when built (also from JSON), and round-trip through a plain ObjectMapper. */
class RuleTest {
    private final ObjectMapper json = new ObjectMapper();

    private static Rule sample() {
        return Rule.and(
                Rule.where(CustomerField.ORDERS, Operator.GE, 3),
                Rule.or(
                        Rule.where(CustomerField.NET_SPEND, Operator.BETWEEN, new BigDecimal("10.5"), "200"),
                        Rule.not(Rule.where(CustomerField.CATEGORY, Operator.IN, "pizza", "pasta"))),
                Rule.where(CustomerField.LAST_ORDER_DATE, Operator.WITHIN_LAST_DAYS, 90),
                Rule.where(CustomerField.FIRST_ORDER_DATE, Operator.AFTER, LocalDate.of(2011, 1, 1)),
                Rule.where(CustomerField.TIER, Operator.NE, io.orderlens.analytics.calc.CustomerTier.GOLD),
                Rule.where(CustomerField.RFM_SEGMENT, Operator.EQ, "Champions"));
    }

    @Test
    void aRuleRoundTripsThroughAPlainObjectMapper() throws Exception {
        Rule rule = sample();
        String text = json.writeValueAsString(rule);
        assertThat(json.readValue(text, Rule.class)).isEqualTo(rule);
        assertThat(text).contains("\"op\":\"WITHIN_LAST_DAYS\"").contains("\"values\":[\"10.5\",\"200\"]");
    }

    @Test
    void handWrittenJsonMayLeaveOutEmptyParts() throws Exception {
        Rule rule = json.readValue(
                "{\"op\":\"OR\",\"rules\":[{\"op\":\"EQ\",\"field\":\"PRODUCT\",\"values\":[\"p-1\"]}]}", Rule.class);
        assertThat(rule).isEqualTo(Rule.or(Rule.where(CustomerField.PRODUCT, Operator.EQ, "p-1")));
        assertThat(rule.depth()).isEqualTo(2);
    }

    @Test
    void badJsonFailsWithTheRulesOwnMessage() {
        assertThatThrownBy(() ->
                        json.readValue("{\"op\":\"GT\",\"field\":\"NET_SPEND\",\"values\":[\"12,50\"]}", Rule.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasRootCauseInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("value '12,50' of field NET_SPEND is not valid");
        assertThatThrownBy(
                        () -> json.readValue("{\"op\":\"GT\",\"field\":\"SPENDING\",\"values\":[\"1\"]}", Rule.class))
                .hasMessageContaining("SPENDING")
                .hasMessageContaining("NET_SPEND");
    }

    @Test
    void theListsAreImmutableCopies() {
        List<String> values = new java.util.ArrayList<>(List.of("p-1"));
        Rule rule = new Rule(Operator.IN, CustomerField.PRODUCT, values, null);
        values.add("p-2");
        assertThat(rule.values()).containsExactly("p-1");
        assertThat(rule.rules()).isEmpty();
        assertThatThrownBy(() -> rule.values().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void invalidRulesNameTheBadFieldOperatorOrValue() {
        assertBad(() -> new Rule(null, CustomerField.ORDERS, List.of("1"), null), "needs an operator");
        assertBad(
                () -> Rule.where(CustomerField.NET_SPEND, Operator.WITHIN_LAST_DAYS, 3),
                "field NET_SPEND does not take operator WITHIN_LAST_DAYS");
        assertBad(() -> Rule.where(CustomerField.TIER, Operator.GT, "GOLD"), "field TIER does not take operator GT");
        assertBad(() -> Rule.where(CustomerField.TIER, Operator.EQ, "GOLDEN"), "value 'GOLDEN' of field TIER");
        assertBad(() -> Rule.where(CustomerField.ORDERS, Operator.EQ, "three"), "value 'three' of field ORDERS");
        assertBad(() -> Rule.where(CustomerField.ORDERS, Operator.EQ, 1, 2), "EQ on ORDERS needs 1 value, got 2");
        assertBad(() -> Rule.where(CustomerField.ORDERS, Operator.BETWEEN, 5, 2), "lower bound first");
        assertBad(() -> Rule.where(CustomerField.ORDERS, Operator.IN), "IN on ORDERS needs 1..1000 values");
        assertBad(() -> Rule.where(CustomerField.RFM_RECENCY, Operator.EQ, 6), "a score in 1..5");
        assertBad(() -> Rule.where(CustomerField.LAST_ORDER_DATE, Operator.BEFORE, "2011-13-01"), "an ISO date");
        assertBad(() -> Rule.where(CustomerField.LAST_ORDER_DATE, Operator.WITHIN_LAST_DAYS, 0), "1..100000");
        assertBad(() -> Rule.where(CustomerField.NET_SPEND, Operator.GE, "0.00001"), "at most 4 decimals");
        assertBad(
                () -> Rule.where(CustomerField.PRODUCT, Operator.EQ, " p-1"), "value of field PRODUCT must not start");
        assertBad(() -> Rule.where(null, Operator.EQ, "1"), "field must not be null");
        assertBad(() -> Rule.where(CustomerField.PROBABILITY_ALIVE, Operator.GT, "1.5"), "a probability in 0..1");
        assertBad(
                () -> new Rule(Operator.NOT, null, null, List.of(sample(), sample())),
                "NOT needs exactly one rule, got 2");
        assertBad(() -> new Rule(Operator.AND, null, null, List.of()), "AND needs at least one rule");
        assertBad(() -> new Rule(Operator.OR, CustomerField.ORDERS, null, List.of(sample())), "takes no field");
        assertBad(
                () -> new Rule(Operator.EQ, CustomerField.ORDERS, List.of("1"), List.of(sample())),
                "takes no sub-rules");
    }

    @Test
    void everySegmentOfTheStandardGridIsReachable() {
        java.util.Set<String> reached = new java.util.HashSet<>();
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) {
                    reached.add(RfmGrid.standard().segmentOf(r, f, m));
                }
            }
        }
        assertThat(reached)
                .containsExactlyInAnyOrderElementsOf(RfmGrid.standard().names());
    }

    @Test
    void nestingIsLimited() {
        Rule r = Rule.where(CustomerField.ORDERS, Operator.GE, 1);
        for (int i = 1; i < Rule.MAX_DEPTH; i++) {
            r = Rule.not(r);
        }
        assertThat(r.depth()).isEqualTo(Rule.MAX_DEPTH);
        Rule deepest = r;
        assertBad(() -> Rule.not(deepest), "at most 32 levels deep, got 33");
    }

    @Test
    void gridsAndOptionsCheckThemselves() {
        assertBad(() -> new RfmSegmentRule("x", 0, 5, 1, 5, 1, 5), "recency score range must be within 1..5");
        assertBad(() -> new RfmSegmentRule(" ", 1, 5, 1, 5, 1, 5), "needs a name");
        assertBad(() -> new RfmGrid(List.of(), "Others"), "at least one segment rule");
        RfmSegmentRule all = new RfmSegmentRule("All", 1, 5, 1, 5, 1, 5);
        assertBad(() -> new RfmGrid(List.of(all, all), "Others"), "'All' appears twice");
        assertBad(() -> new RfmGrid(List.of(all), "All"), "also a segment rule's name");
        assertBad(() -> new RfmOptions(null, RfmGrid.standard()), "scoring must not be null");
        assertThat(RfmGrid.standard().names()).hasSize(11).endsWith("Others");
        assertThat(RfmGrid.standard().segmentOf(5, 5, 5)).isEqualTo("Champions");
        assertThat(RfmGrid.standard().segmentOf(1, 5, 5)).isEqualTo("Can't Lose Them");
        assertThat(RfmGrid.standard().segmentOf(1, 3, 3)).isEqualTo("At Risk");
        assertThat(RfmGrid.standard().segmentOf(5, 1, 1)).isEqualTo("New Customers");
        assertThat(RfmGrid.standard().segmentOf(3, 1, 1)).isEqualTo("Promising");
        assertThat(RfmGrid.standard().segmentOf(5, 2, 1)).isEqualTo("Potential Loyalist");
        assertThat(RfmGrid.standard().segmentOf(1, 1, 1)).isEqualTo("Lost");
        assertThat(RfmGrid.standard().segmentOf(5, 4, 1)).isEqualTo("Others");
    }

    private static void assertBad(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(InvalidRuleException.class).hasMessageContaining(message);
    }
}
