package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.report.Reconciliation;
import io.orderlens.analytics.report.Report;
import io.orderlens.analytics.report.ReportRange;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The built-in reports read from MongoDB hold the same rows as from the in-memory store for the same events, and the
 * reconciliation ties out to the MongoDB ledger.
 */
class MongoReportsTest {
    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    @Test
    void everyBuiltInReportHasTheSameRowsAsOnTheInMemoryStore() {
        try (Analytics onMongo = MongoFixture.analyticsOver(MongoAnalyticsStore.create(mongo.freshDatabase()))
                        .build();
                Analytics inMemory =
                        MongoFixture.analyticsOver(new InMemoryAnalyticsStore()).build()) {
            List<OrderEvent> events = new ArrayList<>();
            Instant start = Instant.parse("2025-01-20T21:30:00Z");
            for (int i = 0; i < 300; i++) {
                Order o = new Order(
                        "o-" + i,
                        Customer.of("c-" + i % 41),
                        start.plusSeconds(47_000L * i),
                        List.of(LineItem.of("p-" + i % 7, "=cmd|' /C calc'!A0", "cat-" + i % 3, 1 + i % 4, "2.0005")),
                        i % 2 == 0 ? "DE" : "FR");
                events.add(OrderEvent.placed(o));
                events.add(
                        i % 13 == 0
                                ? OrderEvent.canceled(o.orderId(), o.placedAt().plusSeconds(30))
                                : OrderEvent.delivered(o.orderId(), o.placedAt().plusSeconds(900)));
                if (i % 10 == 3) {
                    events.add(OrderEvent.refunded(
                            Refund.full("r-" + i, o.orderId(), o.placedAt().plusSeconds(86_400L * 9))));
                }
            }
            onMongo.recordAll(events);
            inMemory.recordAll(events);
            ReportRange range = ReportRange.of(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-08-31"));

            for (int r = 0; r < onMongo.reports().builtIns().size(); r++) {
                Report<?> mongoReport = onMongo.reports().builtIns().get(r);
                Report<?> memoryReport = inMemory.reports().builtIns().get(r);
                List<String> fromMongo = sortedLines(mongoReport, range);
                assertThat(fromMongo).as(mongoReport.name()).isEqualTo(sortedLines(memoryReport, range));
                assertThat(fromMongo.size()).as(mongoReport.name()).isGreaterThan(2);
            }
            Reconciliation rec = onMongo.reports().reconcile(range);
            assertThat(rec.tiesOut()).isTrue();
            assertThat(rec.total().orders()).isPositive();
            assertThat(rec.ledger().refunds()).isEqualTo(rec.total().refunds()).isPositive();
        }
    }

    /** The CSV lines of a report; sorted, as the customer list is in each store's own scan order. */
    private static List<String> sortedLines(Report<?> report, ReportRange range) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.writeCsv(range, out);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n");
        Arrays.sort(lines, 1, lines.length);
        return List.of(lines);
    }
}
