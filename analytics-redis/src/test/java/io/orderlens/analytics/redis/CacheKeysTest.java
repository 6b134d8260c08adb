package io.orderlens.analytics.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.spi.CacheRequest;
import io.orderlens.analytics.spi.CacheScope;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

class CacheKeysTest {
    private final CacheKeys keys = new CacheKeys("app");

    @Test
    void idsWithAnyCharactersGetDistinctKeysWithoutSeparatorsOrHashTags() {
        List<String> ids = List.of(
                "a:b",
                "a%3Ab",
                "a b",
                "a{b}",
                "{app}",
                "ünïcødé",
                "a\nb",
                "",
                "a.b",
                "A.B",
                "x".repeat(5000),
                "x".repeat(5001));
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            String key = keys.generationKey(CacheScope.product(id));
            assertThat(key).startsWith("{app}:gen:product:");
            String tail = key.substring("{app}:gen:product:".length());
            assertThat(tail).doesNotContain(":", "{", "}", " ", "\n").hasSizeLessThanOrEqualTo(100);
            assertThat(seen.add(key)).as("key of id %s is unique", id).isTrue();
        }
    }

    @Test
    void generationKeysShareOneClusterSlotTagAndEntryKeysDoNot() {
        CacheRequest<String> r = new CacheRequest<>(
                "customer", "c-1", List.of(CacheScope.customer("c-1"), CacheScope.GLOBAL), String.class);
        assertThat(keys.readKeys(r.scopes()))
                .containsExactly("{app}:epoch", "{app}:gen:customer:c-1", "{app}:gen:global:");
        Set<Integer> slots = new HashSet<>();
        for (String key :
                keys.readKeys(List.of(CacheScope.customer("c-1"), CacheScope.product("p:9"), CacheScope.GLOBAL))) {
            slots.add(JedisClusterCRC16.getSlot(key));
        }
        assertThat(slots)
                .as("MGET and the bump script address one cluster slot")
                .hasSize(1);
        String entry = keys.entryKey(r, List.of("17", "18", "19"));
        assertThat(entry)
                .startsWith("app:" + CacheKeys.FORMAT + ":customer:")
                .endsWith(":17.18.19")
                .doesNotContain("{");
    }

    @Test
    void requestsDifferingInParamsScopesOrTypeNeverShareAnEntry() {
        List<String> gens = List.of("1", "2");
        List<CacheScope> one = List.of(CacheScope.product("p"));
        Set<String> entries = new HashSet<>();
        entries.add(keys.entryKey(new CacheRequest<>("q", "a|bc", one, String.class), gens));
        entries.add(keys.entryKey(new CacheRequest<>("q", "ab|c", one, String.class), gens));
        entries.add(keys.entryKey(new CacheRequest<>("q", null, one, String.class), gens));
        entries.add(keys.entryKey(new CacheRequest<>("q", "null", one, String.class), gens));
        entries.add(
                keys.entryKey(new CacheRequest<>("q", "a|bc", List.of(CacheScope.customer("p")), String.class), gens));
        entries.add(keys.entryKey(new CacheRequest<>("q", "a|bc", one, Integer.class), gens));
        entries.add(keys.entryKey(new CacheRequest<>("q2", "a|bc", one, String.class), gens));
        assertThat(entries).hasSize(7);
    }
}
