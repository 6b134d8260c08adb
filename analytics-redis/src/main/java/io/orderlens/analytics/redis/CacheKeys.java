package io.orderlens.analytics.redis;

import io.orderlens.analytics.spi.CacheRequest;
import io.orderlens.analytics.spi.CacheScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The key layout. Generation counters and the epoch share the hash tag {@code {prefix}}, so they live in one
 * cluster slot and can be read with one {@code MGET} and bumped by one script:
 *
 * <pre>
 * {prefix}:epoch                          bumped when invalidations may have been lost during an outage
 * {prefix}:gen:&lt;kind&gt;:&lt;id&gt;                one counter per scope, never expires
 * prefix:v1:&lt;query&gt;:&lt;digest&gt;:&lt;epoch&gt;.&lt;gen&gt;…  one entry, with a TTL
 * </pre>
 *
 * Kinds, ids and query names are escaped ({@code [A-Za-z0-9._-]} kept, every other UTF-8 byte as {@code %XX}); an
 * escaped part longer than 100 characters is replaced by {@code #} and its SHA-256. Two scopes sharing a counter
 * (only possible through such a hash collision) would merely invalidate each other. The digest covers the query,
 * its parameters, its scopes and its result type, length-prefixed, so distinct requests never share an entry.
 * Thread-safe (immutable).
 */
final class CacheKeys {
    /** Format of entry values; changes whenever the serialised form changes, so old entries are never read. */
    static final String FORMAT = "v1";

    private static final int MAX_PART = 100;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String prefix;
    private final String tag;

    CacheKeys(String prefix) {
        this.prefix = prefix;
        this.tag = "{" + prefix + "}";
    }

    String epochKey() {
        return tag + ":epoch";
    }

    String generationKey(CacheScope scope) {
        return tag + ":gen:" + escape(scope.kind()) + ":" + escape(scope.id());
    }

    /** The epoch key followed by the distinct generation keys of {@code scopes}, in order. */
    List<String> readKeys(List<CacheScope> scopes) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(epochKey());
        for (CacheScope s : scopes) {
            keys.add(generationKey(s));
        }
        return new ArrayList<>(keys);
    }

    /** The distinct generation keys of {@code scopes}. */
    List<String> bumpKeys(Collection<CacheScope> scopes) {
        Set<String> keys = new LinkedHashSet<>();
        for (CacheScope s : scopes) {
            keys.add(generationKey(s));
        }
        return new ArrayList<>(keys);
    }

    /** The entry key of {@code request} under the generations read for {@link #readKeys}, in the same order. */
    String entryKey(CacheRequest<?> request, List<String> generations) {
        StringBuilder sb = new StringBuilder(prefix.length() + 64 + 20 * generations.size());
        sb.append(prefix)
                .append(':')
                .append(FORMAT)
                .append(':')
                .append(escape(request.query()))
                .append(':')
                .append(digest(request))
                .append(':');
        for (int i = 0; i < generations.size(); i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(generations.get(i));
        }
        return sb.toString();
    }

    static String escape(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        if (sb.length() > MAX_PART) {
            return "#" + sha256(bytes, 32);
        }
        return sb.toString();
    }

    private static String digest(CacheRequest<?> r) {
        StringBuilder sb = new StringBuilder();
        field(sb, r.query());
        field(sb, r.params());
        for (CacheScope s : r.scopes()) {
            field(sb, s.kind());
            field(sb, s.id());
        }
        field(sb, r.type().getTypeName());
        return sha256(sb.toString().getBytes(StandardCharsets.UTF_8), 16);
    }

    private static void field(StringBuilder sb, String value) {
        if (value == null) {
            sb.append("-1:");
        } else {
            sb.append(value.length()).append(':').append(value);
        }
    }

    /** The first {@code bytes} bytes of the SHA-256 of {@code data}, base64url without padding. */
    private static String sha256(byte[] data, int bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
            byte[] head = new byte[bytes];
            System.arraycopy(hash, 0, head, 0, bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(head);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
