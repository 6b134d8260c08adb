package io.orderlens.examples.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    private static final ObjectMapper JSON = ExactJson.MAPPER;

    @Test
    void stringsAreEscapedSoThatAStandardParserReadsThemBack() throws Exception {
        String nasty = "quote \" backslash \\ newline \n tab \t bell \u0007 line-sep \u2028 é ✓";
        StringWriter w = new StringWriter();
        new JsonWriter(w, 1).beginObject().member("s", nasty).endObject().finish();
        assertThat(w.toString()).contains("\\u0007").contains("\\u2028").doesNotContain("\n tab");
        assertThat(JSON.readTree(w.toString()).get("s").asText()).isEqualTo(nasty);
    }

    @Test
    void decimalsAreExactAndNeverInExponentForm() throws Exception {
        StringWriter w = new StringWriter();
        new JsonWriter(w, 1).beginArray()
                .value(new BigDecimal("1E+3"))
                .value(new BigDecimal("8911407.904"))
                .value(new BigDecimal("0.0001"))
                .value(new BigDecimal("-12.50"))
                .endArray().finish();
        assertThat(w.toString()).doesNotContain("E").doesNotContain("e");
        JsonNode a = JSON.readTree(w.toString());
        assertThat(a.get(0).decimalValue()).isEqualByComparingTo("1000");
        assertThat(a.get(1).decimalValue()).isEqualTo(new BigDecimal("8911407.904"));
        assertThat(a.get(2).decimalValue()).isEqualTo(new BigDecimal("0.0001"));
        assertThat(a.get(3).decimalValue()).isEqualTo(new BigDecimal("-12.50"));
    }

    @Test
    void containersUpToThePrettyDepthBreakLinesAndDeeperOnesStayOnOne() {
        StringWriter w = new StringWriter();
        new JsonWriter(w, 2).beginObject()
                .name("list").beginArray()
                .beginObject().member("a", 1).member("b", "x").endObject()
                .beginObject().member("a", 2).member("b", "y").endObject()
                .endArray()
                .name("empty").beginArray().endArray()
                .endObject().finish();
        assertThat(w.toString()).isEqualTo("{\n  \"list\": [\n    {\"a\":1, \"b\":\"x\"},\n    {\"a\":2, \"b\":\"y\"}\n"
                + "  ],\n  \"empty\": []\n}\n");
    }

    @Test
    void misuseFailsInsteadOfWritingBrokenJson() {
        assertThatThrownBy(() -> new JsonWriter(new StringWriter(), 1).beginObject().value(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a name");
        assertThatThrownBy(() -> new JsonWriter(new StringWriter(), 1).beginArray().name("x"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter(new StringWriter(), 1).beginArray().endObject())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unbalanced");
        assertThatThrownBy(() -> new JsonWriter(new StringWriter(), 1).beginArray().finish())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not complete");
        assertThatThrownBy(() -> new JsonWriter(new StringWriter(), 1).value(1).value(2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one top-level value");
    }
}
