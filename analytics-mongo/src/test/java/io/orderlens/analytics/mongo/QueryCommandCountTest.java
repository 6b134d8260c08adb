package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.period.Granularity;
import io.orderlens.analytics.query.ProductRanking;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The commands each query sends, and the filters of its finds: a customer's rows and a range of days are read by
 * {@code _id} ({@code $in} of known keys), never by a filter on another field, so their cost does not grow with the
 * size of the collections on a server that serves only {@code _id} from an index.
 */
class QueryCommandCountTest {
    private static final Instant AT = Instant.parse("2026-03-10T09:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-03-10");

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private final FindRecorder finds = new FindRecorder();
    private Analytics analytics;
    private MongoDatabase database;

    @BeforeEach
    void recordOrdersOfManyCustomers() {
        database = mongo.freshDatabase(finds.listener());
        analytics =
                MongoFixture.analyticsOver(MongoAnalyticsStore.create(database)).build();
        List<OrderEvent> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Order o = new Order(
                    "o-" + i,
                    Customer.of("c-" + i % 6),
                    AT.plusSeconds(3_600L * i),
                    List.of(
                            LineItem.of("p-" + i % 7, null, "cat-" + i % 3, 1 + i % 2, "2.50"),
                            LineItem.of("p-" + (i + 3) % 11, null, "cat-" + i % 4, 1, "0.75")),
                    "DE");
            events.add(OrderEvent.delivered(o, o.placedAt().plusSeconds(60)));
        }
        analytics.recordAll(events);
        finds.watch(database.getName());
    }

    @Test
    void aCustomerProfileIsFiveFindsByIdOrIdIn() {
        var profile = analytics.queries().customer("c-1").orElseThrow();

        assertThat(finds.commands())
                .containsExactly(
                        "find analytics_customers {_id}",
                        "find analytics_customers {_id}",
                        "find analytics_customer_products {_id: $in}",
                        "find analytics_customers {_id}",
                        "find analytics_customer_categories {_id: $in}");
        assertThat(profile.totalOrders()).isEqualTo(10);
        assertThat(profile.topItems()).isNotEmpty();
        assertThat(profile.favouriteCategories()).isNotEmpty();
    }

    @Test
    void anUnknownCustomerIsOneFind() {
        assertThat(analytics.queries().customer("nobody")).isEmpty();

        assertThat(finds.commands()).containsExactly("find analytics_customers {_id}");
    }

    @Test
    void aProductAndACategoryAreOneFindById() {
        analytics.queries().product("p-1").orElseThrow();
        analytics.queries().category("cat-1").orElseThrow();

        assertThat(finds.commands())
                .containsExactly("find analytics_products {_id}", "find analytics_categories {_id}");
    }

    @Test
    void eachTopListIsOneLimitedFind() {
        analytics.queries().topProducts(ProductRanking.REVENUE, 10);
        analytics.queries().topCustomers(3);
        analytics.queries().topCategories(2);

        assertThat(finds.commands())
                .containsExactly(
                        "find analytics_products {}", "find analytics_customers {}", "find analytics_categories {}");
        assertThat(finds.limits()).containsExactly(10, 3, 2);
    }

    @Test
    void aTopListAskedAgainIsOneFindOfTheRowsAtOrAboveWhereTheLastOneEnded() {
        var first = analytics.queries().topProducts(ProductRanking.REVENUE, 4);
        analytics.queries().topCustomers(3);
        analytics.queries().topCategories(2);
        finds.clear();

        assertThat(analytics.queries().topProducts(ProductRanking.REVENUE, 4)).isEqualTo(first);
        analytics.queries().topCustomers(3);
        analytics.queries().topCategories(2);

        assertThat(finds.commands())
                .containsExactly(
                        "find analytics_products {revenue}",
                        "find analytics_customers {spent}",
                        "find analytics_categories {revenue}");
        assertThat(finds.limits()).containsExactly(4, 3, 2);
    }

    @Test
    void aTopListWhoseRowsFellBelowWhereTheLastOneEndedIsReadAgainWithoutTheFilter() {
        assertThat(analytics.queries().topProducts(ProductRanking.UNITS, 3))
                .allSatisfy(p -> assertThat(p.unitsSold()).isPositive());
        for (int i = 0; i < 60; i++) {
            analytics.record(OrderEvent.canceled("o-" + i, AT.plusSeconds(400_000)));
        }
        finds.clear();

        var after = analytics.queries().topProducts(ProductRanking.UNITS, 3);

        assertThat(finds.commands()).containsExactly("find analytics_products {units}", "find analytics_products {}");
        assertThat(after).extracting(p -> p.productId()).containsExactly("p-0", "p-1", "p-10");
        assertThat(after).allSatisfy(p -> assertThat(p.unitsSold()).isZero());
    }

    @Test
    void aDailySeriesReadsItsDaysByIdNewCustomersIncluded() {
        var days = analytics.queries().daily(DAY, DAY.plusDays(29));

        assertThat(days).hasSize(30);
        assertThat(days.stream().mapToLong(d -> d.newCustomers()).sum()).isEqualTo(6);
        assertThat(finds.commands()).containsExactly("find analytics_days {_id: $in}");
    }

    @Test
    void aDashboardIsFiveKeyedOrLimitedFinds() {
        var dashboard = analytics.queries().dashboard(DAY, DAY.plusDays(2));

        assertThat(dashboard.orders()).isEqualTo(60);
        assertThat(dashboard.newCustomers()).isEqualTo(6);
        assertThat(dashboard.salesByCountry()).extracting(c -> c.country()).containsExactly("DE");
        assertThat(finds.commands())
                .containsExactly(
                        "find analytics_days {_id: $in}",
                        "find analytics_days {_id: $in}",
                        "find analytics_day_countries {_id: $in}",
                        "find analytics_products {}",
                        "find analytics_categories {}");
    }

    @Test
    void dayDocumentsWrittenBeforeTheyListedTheirCountryRowsAreReadByDateAsBefore() {
        var expected = analytics.queries().dashboard(DAY, DAY.plusDays(2));
        database.getCollection("analytics_days")
                .updateMany(
                        new org.bson.Document(),
                        new org.bson.Document("$unset", new org.bson.Document("countriesKept", "")));
        analytics =
                MongoFixture.analyticsOver(MongoAnalyticsStore.create(database)).build();
        finds.clear();

        var dashboard = analytics.queries().dashboard(DAY, DAY.plusDays(2));

        assertThat(dashboard.salesByCountry()).isEqualTo(expected.salesByCountry());
        assertThat(finds.commands())
                .startsWith(
                        "find analytics_days {_id: $in}",
                        "find analytics_days {_id: $in}",
                        "find analytics_day_countries {kind, date, date}");
    }

    @Test
    void aOneYearWeeklySeriesReadsItsDaysAndTheYearBeforeById() {
        var series = analytics.periods().series(Granularity.WEEK, DAY.minusDays(364), DAY);

        assertThat(series.buckets()).hasSize(53);
        assertThat(series.buckets().get(52).totals().orders()).isEqualTo(60);
        // two years of dates (the series and the year before it), 100 per find
        assertThat(finds.commands()).hasSize(8).containsOnly("find analytics_days {_id: $in}");
    }

    @Test
    void aTenYearMonthlySeriesIsOneFindOnAnIdRange() {
        var series = analytics.periods().series(Granularity.MONTH, LocalDate.parse("2017-01-01"), DAY);

        assertThat(series.buckets()).hasSize(111);
        assertThat(series.summary()
                        .get(io.orderlens.analytics.period.Metric.ORDERS)
                        .maxBucket())
                .isEqualTo("2026-03");
        assertThat(finds.commands()).containsExactly("find analytics_days {_id, _id}");
    }

    /**
     * Reads the commands each query sends: {@link #commands()} names each one ({@code find <collection> <filter shape>},
     * otherwise {@code <command> <collection>}), {@link #limits()} the limits of the finds that have one.
     */
    private static final class FindRecorder {
        private final SentStatements sent = new SentStatements();

        SentStatements listener() {
            return sent;
        }

        void watch(String name) {
            sent.watch(name);
        }

        void clear() {
            sent.clear();
        }

        List<String> commands() {
            return sent.seen().stream()
                    .map(s -> s.command().equals("find")
                            ? "find " + s.collection() + " " + shape(s.filter())
                            : s.command() + " " + s.collection())
                    .toList();
        }

        List<Integer> limits() {
            return sent.seen().stream()
                    .filter(s -> s.command().equals("find") && s.body().containsKey("limit"))
                    .map(s -> s.body().getNumber("limit").intValue())
                    .toList();
        }

        /** {@code {_id}}, {@code {_id: $in}}, {@code {date, date}}: the fields of a filter and their operators. */
        private static String shape(BsonDocument filter) {
            List<String> parts = new ArrayList<>();
            flatten(filter, parts);
            return "{" + String.join(", ", parts) + "}";
        }

        private static void flatten(BsonDocument filter, List<String> parts) {
            filter.forEach((field, value) -> {
                if (field.equals("$and")) {
                    value.asArray().forEach(v -> flatten(v.asDocument(), parts));
                } else if (value.isDocument() && value.asDocument().containsKey("$in")) {
                    parts.add(field + ": $in");
                } else {
                    parts.add(field);
                }
            });
        }
    }
}
