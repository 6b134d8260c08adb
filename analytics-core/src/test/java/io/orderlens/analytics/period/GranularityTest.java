package io.orderlens.analytics.period;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Granularity: calendar buckets, ISO weeks across year ends, the same bucket a year earlier")
class GranularityTest {
    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void aWeekStartsOnMondayAndBelongsToTheWeekBasedYearOfItsThursday() {
        assertThat(Granularity.WEEK.startOf(d("2021-01-03"))).isEqualTo(d("2020-12-28"));
        assertThat(Granularity.WEEK.label(d("2021-01-01"))).isEqualTo("2020-W53");
        assertThat(Granularity.WEEK.label(d("2024-12-31"))).isEqualTo("2025-W01");
        assertThat(Granularity.WEEK.label(d("2024-12-29"))).isEqualTo("2024-W52");
        assertThat(Granularity.WEEK.label(d("2027-01-01"))).isEqualTo("2026-W53");
        assertThat(Granularity.WEEK.nextStart(d("2020-12-31"))).isEqualTo(d("2021-01-04"));
        assertThat(Granularity.WEEK.previousStart(d("2021-01-04"))).isEqualTo(d("2020-12-28"));
    }

    @Test
    void weekFiftyThreeHasNoSameWeekAYearEarlierWhenThatYearHadFiftyTwo() {
        assertThat(Granularity.WEEK.sameBucketAYearEarlier(d("2020-12-30"))).isEmpty();
        // 2026-W53 compares with 2025-W53? 2025 has 52 weeks: none
        assertThat(Granularity.WEEK.sameBucketAYearEarlier(d("2026-12-30"))).isEmpty();
        // 2021-W01 (2021-01-04) compares with 2020-W01, which starts on 2019-12-30
        assertThat(Granularity.WEEK.sameBucketAYearEarlier(d("2021-01-06"))).contains(d("2019-12-30"));
        // 2017-01-01, a Sunday, ends 2016-W52, which compares with 2015-W52 (2015 itself has 53 weeks)
        assertThat(Granularity.WEEK.label(d("2017-01-01"))).isEqualTo("2016-W52");
        assertThat(Granularity.WEEK.sameBucketAYearEarlier(d("2017-01-01"))).contains(d("2015-12-21"));
        assertThat(Granularity.WEEK.label(d("2015-12-28"))).isEqualTo("2015-W53");
    }

    @Test
    void monthsQuartersAndYearsAreCalendarPeriods() {
        assertThat(Granularity.MONTH.startOf(d("2024-02-29"))).isEqualTo(d("2024-02-01"));
        assertThat(Granularity.MONTH.nextStart(d("2024-12-15"))).isEqualTo(d("2025-01-01"));
        assertThat(Granularity.MONTH.label(d("2024-03-31"))).isEqualTo("2024-03");
        assertThat(Granularity.QUARTER.startOf(d("2024-06-30"))).isEqualTo(d("2024-04-01"));
        assertThat(Granularity.QUARTER.label(d("2024-12-31"))).isEqualTo("2024-Q4");
        assertThat(Granularity.QUARTER.previousStart(d("2024-01-01"))).isEqualTo(d("2023-10-01"));
        assertThat(Granularity.YEAR.startOf(d("2024-07-04"))).isEqualTo(d("2024-01-01"));
        assertThat(Granularity.YEAR.label(d("2024-07-04"))).isEqualTo("2024");
        assertThat(Granularity.DAY.label(d("2024-07-04"))).isEqualTo("2024-07-04");
    }

    @Test
    void theTwentyNinthOfFebruaryHasNoSameDayAYearEarlierButItsMonthHas() {
        assertThat(Granularity.DAY.sameBucketAYearEarlier(d("2024-02-29"))).isEmpty();
        assertThat(Granularity.DAY.sameBucketAYearEarlier(d("2024-02-28"))).contains(d("2023-02-28"));
        assertThat(Granularity.MONTH.sameBucketAYearEarlier(d("2024-02-29"))).contains(d("2023-02-01"));
        assertThat(Granularity.QUARTER.sameBucketAYearEarlier(d("2024-05-05"))).contains(d("2023-04-01"));
        assertThat(Granularity.YEAR.sameBucketAYearEarlier(d("2024-05-05"))).contains(d("2023-01-01"));
    }
}
