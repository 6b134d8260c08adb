package io.orderlens.examples.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportJsonTest {

    private static String json(Object value) throws Exception {
        StringWriter w = new StringWriter();
        ExportJson.write(value, w);
        return w.toString();
    }

    private static AnalyticsExport export(List<AnalyticsExport.Product> products) {
        return new AnalyticsExport(
                new AnalyticsExport.Totals(
                        2,
                        1,
                        new BigDecimal("1E+3"),
                        new BigDecimal("0.0001"),
                        new BigDecimal("-12.50"),
                        1,
                        products.size()),
                products,
                List.of(new AnalyticsExport.Customer("c-1", 2, new BigDecimal("8911407.904"))),
                List.of(new AnalyticsExport.Day(
                        LocalDate.of(2010, 12, 1), 2, new BigDecimal("0.00"), new BigDecimal("325.23"))),
                List.of());
    }

    @Test
    void theTopLevelAndItsMembersBreakLinesAndListEntriesStayOnOneLine() throws Exception {
        String text = json(export(List.of(
                new AnalyticsExport.Product("10002", 823, new BigDecimal("699.55")),
                new AnalyticsExport.Product("10080", -1, new BigDecimal("-0.39")))));

        assertThat(text).isEqualTo("""
                {
                  "totals": {
                    "orders": 2,
                    "refunds": 1,
                    "grossRevenue": 1000,
                    "refundedAmount": 0.0001,
                    "netRevenue": -12.50,
                    "customers": 1,
                    "products": 2
                  },
                  "products": [
                    {"productId":"10002", "unitsSold":823, "netRevenue":699.55},
                    {"productId":"10080", "unitsSold":-1, "netRevenue":-0.39}
                  ],
                  "customers": [
                    {"customerId":"c-1", "orders":2, "netSpent":8911407.904}
                  ],
                  "daily": [
                    {"date":"2010-12-01", "orders":2, "grossRevenue":0.00, "refundedAmount":325.23}
                  ],
                  "countries": [],
                  "cohorts": []
                }
                """);
    }

    @Test
    void decimalsAreExactScaleIncludedAndNeverInExponentForm() throws Exception {
        String text = json(export(List.of()));

        assertThat(text).doesNotContainPattern("[0-9][eE][+-]?[0-9]");
        JsonNode tree = ExactJson.MAPPER.readTree(text);
        assertThat(tree.at("/totals/grossRevenue").decimalValue()).isEqualByComparingTo("1000");
        assertThat(tree.at("/totals/refundedAmount").decimalValue()).isEqualTo(new BigDecimal("0.0001"));
        assertThat(tree.at("/totals/netRevenue").decimalValue()).isEqualTo(new BigDecimal("-12.50"));
        assertThat(tree.at("/customers/0/netSpent").decimalValue()).isEqualTo(new BigDecimal("8911407.904"));
        assertThat(tree.at("/daily/0/grossRevenue").decimalValue()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void stringsAreEscapedSoThatAStandardParserReadsThemBack() throws Exception {
        String nasty = "quote \" backslash \\ newline \n tab \t bell \u0007 line-sep \u2028 é ✓";
        String text = json(export(List.of(new AnalyticsExport.Product(nasty, 1, new BigDecimal("1.00")))));

        assertThat(text).doesNotContain("\n tab");
        assertThat(ExactJson.MAPPER.readTree(text).at("/products/0/productId").asText())
                .isEqualTo(nasty);
    }

    @Test
    void theWriterIsLeftOpenAndEveryDocumentGetsItsOwnLayout() throws Exception {
        StringWriter w = new StringWriter();
        ExportJson.write(export(List.of()), w);
        ExportJson.write(export(List.of()), w);

        String one = json(export(List.of()));
        assertThat(w.toString()).isEqualTo(one + one);
    }
}
