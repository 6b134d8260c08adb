package io.orderlens.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportDeliveryTest {
    private static final Report<String> LETTERS = Report.<String>builder("letters")
            .column(Column.text("letter", s -> s))
            .rowsFrom(range -> List.of("a", "b"))
            .build();
    private static final ReportRange JUNE = ReportRange.of(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30));
    private static final Instant AT = Instant.parse("2026-07-01T04:00:00Z");

    @Test
    void aDeliveryIsMadeByItsFactoryOnlyAndCountsTheRowsItWrites() {
        assertThat(ReportDelivery.class.getConstructors())
                .as("no public constructor")
                .isEmpty();
        ReportDelivery delivery = ReportDelivery.of(LETTERS, JUNE, AT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(delivery.writeTo(ReportFormat.CSV, out)).isEqualTo(2);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("letter\r\na\r\nb\r\n");
        assertThat(delivery.rows()).isEqualTo(2);
        assertThat(delivery.fileName(ReportFormat.CSV)).isEqualTo("letters-2026-06-01_2026-06-30.csv");
        assertThat(delivery.report()).isSameAs(LETTERS);
        assertThat(delivery.range()).isEqualTo(JUNE);
        assertThat(delivery.scheduledFor()).isEqualTo(AT);
    }

    @Test
    void aDeliveryOfNothingIsRefused() {
        assertThatThrownBy(() -> ReportDelivery.of(null, JUNE, AT))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("report");
        assertThatThrownBy(() -> ReportDelivery.of(LETTERS, null, AT))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("range");
        assertThatThrownBy(() -> ReportDelivery.of(LETTERS, JUNE, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("scheduledFor");
    }
}
