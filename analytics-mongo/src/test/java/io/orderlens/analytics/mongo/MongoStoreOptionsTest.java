package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.WriteConcern;
import io.orderlens.analytics.mongo.testing.InProcessMongo;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MongoStoreOptionsTest {
    private final MongoStoreOptions defaults = MongoStoreOptions.defaults();

    @Test
    void defaultsArePrefixedCollectionsMajorityWritesAndChunksOfAThousand() {
        assertThat(defaults.collectionPrefix()).isEqualTo("analytics_");
        assertThat(defaults.writeConcern()).isEqualTo(WriteConcern.MAJORITY);
        assertThat(defaults.chunkSize()).isEqualTo(1_000);
        assertThat(defaults.recoveryGrace()).isEqualTo(Duration.ZERO);
    }

    @Test
    void chunkSizeAboveTheSmallestServerBatchLimitIsRejected() {
        assertThatThrownBy(() -> defaults.withChunkSize(1_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunkSize must be between 1 and 1000, got 1001");
        assertThatThrownBy(() -> defaults.withChunkSize(0)).hasMessageContaining("got 0");
    }

    @Test
    void unacknowledgedWritesAreRejectedBecauseTheLedgerGateMustSeeItsErrors() {
        assertThatThrownBy(() -> defaults.withWriteConcern(WriteConcern.UNACKNOWLEDGED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("writeConcern must be acknowledged");
    }

    @Test
    void aPrefixThatIsNotAPlainCollectionNameIsRejected() {
        assertThatThrownBy(() -> defaults.withCollectionPrefix("shop analytics$"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"shop analytics$\"");
        assertThatThrownBy(() -> defaults.withCollectionPrefix(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void guardWindowRecoveryGraceAndRetentionAreRangeChecked() {
        assertThatThrownBy(() -> defaults.withGuardWindow(4)).hasMessageContaining("guardWindow");
        assertThatThrownBy(() -> defaults.withRecoveryGrace(Duration.ofSeconds(-1)))
                .hasMessageContaining("recoveryGrace must not be negative");
        assertThatThrownBy(() -> defaults.withBatchRetention(Duration.ofSeconds(5)))
                .hasMessageContaining("batchRetention must be at least one minute");
        assertThatThrownBy(() -> defaults.withGuardCacheEntries(-1))
                .hasMessageContaining("guardCacheEntries must be between 0 and 50000000, got -1");
        assertThatThrownBy(() -> defaults.withGuardCacheEntries(50_000_001)).hasMessageContaining("got 50000001");
        assertThat(defaults.withGuardCacheEntries(0).guardCacheEntries()).isZero();
    }

    @Test
    void theBuilderChecksEachValueAsItIsSet() {
        try (InProcessMongo mongo = InProcessMongo.memory()) {
            var builder = MongoAnalyticsStore.builder(mongo.freshDatabase());
            assertThatThrownBy(() -> builder.chunkSize(5_000)).hasMessageContaining("got 5000");
            MongoAnalyticsStore store =
                    builder.collectionPrefix("shop_").chunkSize(250).build();
            assertThat(store.options().chunkSize()).isEqualTo(250);
            assertThat(store.collectionName("products")).isEqualTo("shop_products");
            assertThatThrownBy(() -> store.collectionName("orders")).hasMessageContaining("no collection \"orders\"");
        }
    }
}
