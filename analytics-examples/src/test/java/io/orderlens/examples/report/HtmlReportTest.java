package io.orderlens.examples.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderlens.examples.RunnerHarness;
import io.orderlens.examples.console.Fmt;
import io.orderlens.examples.export.ExactJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTest {
    @TempDir
    static Path dir;

    private static String html;
    private static JsonNode export;

    @BeforeAll
    static void render() throws IOException {
        Path report = dir.resolve("report.html");
        Path json = dir.resolve("export.json");
        RunnerHarness.Run run = RunnerHarness.run(
                "--days", "21", "--customers", "200", "--report", report.toString(), "--export-json", json.toString());
        assertThat(run.status()).as(run.err()).isZero();
        html = Files.readString(report);
        export = ExactJson.MAPPER.readTree(json.toFile());
    }

    static List<String> svgs(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL).matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theExperimentCardShowsEachVariationWithLiftsPValuesAndTheSampleRatioCheck() {
        assertThat(html)
                .contains("<h2>Experiment free-delivery-over-20</h2>")
                .contains("<th>Conversion lift</th><th>p</th><th>Revenue / customer lift</th>")
                .containsPattern("<tr><td>control</td><td>[0-9,]+</td>")
                .containsPattern(
                        "<tr><td>banner</td><td>[0-9,]+</td>.*?<td>[-+][0-9.]+% \\[[-+][0-9.]+%, [-+][0-9.]+%\\]</td><td>[0-9.]+</td>")
                .containsPattern("Sample ratio: chi-square [0-9.]+, p = [0-9.]+");
    }

    @Test
    void theReportIsOneSelfContainedFile() {
        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html)
                .doesNotContain("<script")
                .doesNotContain("<link")
                .doesNotContain(" src=")
                .doesNotContain("url(")
                .doesNotContain("@import");
        assertThat(html.replace("http://www.w3.org/2000/svg", ""))
                .doesNotContain("http:")
                .doesNotContain("https:");
    }

    @Test
    void everyChartIsWellFormedSvgWithMarks() throws Exception {
        List<String> charts = svgs(html);
        // daily, products, time of day, preferred, frequency, tiers, refunds, countries, monthly, lifecycle
        assertThat(charts).hasSize(10);
        for (String svg : charts) {
            Document doc = parse(svg);
            Element root = doc.getDocumentElement();
            assertThat(root.getLocalName()).isEqualTo("svg");
            NodeList marks = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
            NodeList areas = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polygon");
            assertThat(marks.getLength() + areas.getLength())
                    .as(svg.substring(0, 80))
                    .isPositive();
        }
    }

    @Test
    void theTimeOfDayChartHasABarForEachClassAndCountsEveryCountedOrder() throws Exception {
        String chart = svgs(html).stream()
                .filter(s -> s.contains("morning: ") && s.contains(" orders"))
                .findFirst()
                .orElseThrow();
        NodeList bars = parse(chart).getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        assertThat(bars.getLength()).isEqualTo(4);
        long total = 0;
        Pattern count = Pattern.compile(": ([0-9,]+) orders");
        for (int i = 0; i < bars.getLength(); i++) {
            Matcher m = count.matcher(bars.item(i).getTextContent());
            assertThat(m.find()).isTrue();
            total += Long.parseLong(m.group(1).replace(",", ""));
        }
        // an order counts in its customer's time of day until it is fully refunded, as in the customer's order count
        long customerOrders = 0;
        for (JsonNode c : export.get("customers")) {
            customerOrders += c.get("orders").asLong();
        }
        assertThat(total).isEqualTo(customerOrders).isPositive();
    }

    @Test
    void headlineFiguresAreTheExactFiguresOfTheExport() {
        assertThat(html)
                .contains("<span>Gross revenue</span><strong>"
                        + Fmt.money(export.at("/totals/grossRevenue").decimalValue()) + "</strong>");
        assertThat(html)
                .contains("<span>Net revenue</span><strong>"
                        + Fmt.money(export.at("/totals/netRevenue").decimalValue()) + "</strong>");
        assertThat(html)
                .contains("<span>Counted orders</span><strong>"
                        + Fmt.count(export.at("/totals/orders").asLong()) + "</strong>");
    }

    @Test
    void textFromTheDataIsEscaped() throws Exception {
        Path csv = Files.writeString(
                dir.resolve("tricky.csv"),
                String.join(
                        "\n",
                        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
                        "1,X1,\"<b>BOLD</b> & \"\"QUOTED\"\"\",2,2011-01-03 10:00:00,1.5,5.0,<Nowhere>",
                        "C2,X1,\"<b>BOLD</b> & \"\"QUOTED\"\"\",-1,2011-01-04 10:00:00,1.5,5.0,<Nowhere>",
                        ""));
        Path report = dir.resolve("tricky.html");
        RunnerHarness.Run run = RunnerHarness.run(
                "--source", "online-retail", "--input", csv.toString(), "--report", report.toString());
        assertThat(run.status()).as(run.err()).isZero();
        String text = Files.readString(report);
        assertThat(text).doesNotContain("<b>").doesNotContain("<Nowhere>");
        assertThat(text)
                .contains("&lt;b&gt;BOLD&lt;/b&gt; &amp; &quot;QUOTED&quot;")
                .contains("&lt;Nowhere&gt;");
        for (String svg : svgs(text)) {
            parse(svg);
        }
    }

    @Test
    void theMonthlyTrendAndTheLifecycleFunnelCardsShowTheFiguresOfTheRun() {
        JsonNode totals = export.get("totals");
        assertThat(html)
                .contains("<h2>Monthly trend</h2>")
                .contains("<h2>Order lifecycle</h2>")
                .contains("<tr><td>2025-03</td><td>"
                        + Fmt.count(totals.get("orders").asLong()) + "</td><td>"
                        + Fmt.money(totals.get("grossRevenue").decimalValue()) + "</td><td>"
                        + Fmt.money(totals.get("refundedAmount").decimalValue()) + "</td><td>"
                        + Fmt.money(totals.get("netRevenue").decimalValue()) + "</td>");
        Matcher placed =
                Pattern.compile("<tr><td>PLACED</td><td>([0-9,]+)</td>").matcher(html);
        Matcher delivered =
                Pattern.compile("<tr><td>DELIVERED</td><td>([0-9,]+)</td>").matcher(html);
        assertThat(placed.find()).isTrue();
        assertThat(delivered.find()).isTrue();
        long p = Long.parseLong(placed.group(1).replace(",", ""));
        long d = Long.parseLong(delivered.group(1).replace(",", ""));
        assertThat(d).isPositive().isLessThan(p);
        assertThat(html).containsPattern("<tr><td>PLACED_TO_DELIVERED</td><td>[0-9,]+</td><td>[0-9]+m [0-9]{2}s</td>");
    }
}
