package io.orderlens.examples.retail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.RefundLine;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole data set through the reader and the mapping, checked against a plain fold and the data's README. */
class CompleteFileMappingTest {
    private static Path file;

    @BeforeAll
    static void locate() {
        Optional<Path> f = RetailCsv.completeFile();
        assumeTrue(f.isPresent(), RetailCsv.MISSING);
        file = f.get();
    }

    @Test
    void everyRowWithACustomerBecomesPartOfExactlyOneOrderOrRefund() throws IOException {
        IndependentFold fold = IndependentFold.cached(file);
        BigDecimal gross = BigDecimal.ZERO;
        BigDecimal refunded = BigDecimal.ZERO;
        long lines = 0;
        Set<String> ids = new HashSet<>();
        Set<String> customers = new HashSet<>();
        MappingStats stats;
        try (OnlineRetailReader reader = OnlineRetailReader.open(file)) {
            OnlineRetailMapping.Source source = OnlineRetailMapping.events(reader);
            while (source.hasNext()) {
                OrderEvent e = source.next();
                assertThat(ids.add(e.ledgerKey()))
                        .as("one event per invoice: %s", e.ledgerKey())
                        .isTrue();
                if (e.order() != null) {
                    gross = gross.add(e.order().total());
                    lines += e.order().lines().size();
                    customers.add(e.order().customerId());
                } else {
                    for (RefundLine l : e.refund().lines()) {
                        refunded = refunded.add(l.amount());
                    }
                    lines += e.refund().lines().size();
                    customers.add(e.refund().customerId());
                }
            }
            stats = source.stats();
            assertThat(source.progress()).isEqualTo(1.0);
        }

        // figures stated in the data set's README
        assertThat(stats.rowsRead()).isEqualTo(541_909);
        assertThat(stats.rowsWithoutCustomer()).isEqualTo(135_080);
        assertThat(gross).isEqualByComparingTo("8911407.904");
        assertThat(customers).hasSize(4_372);
        // figures of the independent fold
        assertThat(stats.rowsInvalid()).isZero();
        assertThat(stats.rowsMapped()).isEqualTo(fold.mappedRows);
        assertThat(stats.orders()).isEqualTo(fold.orders.size());
        assertThat(stats.refunds()).isEqualTo(fold.refunds.size());
        assertThat(lines).isEqualTo(fold.lineKeys.size());
        assertThat(stats.mergedRows()).isEqualTo(fold.mappedRows - fold.lineKeys.size());
        assertThat(gross).isEqualByComparingTo(fold.gross);
        assertThat(refunded).isEqualByComparingTo(fold.refunded);
    }
}
