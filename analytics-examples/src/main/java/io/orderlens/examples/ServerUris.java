package io.orderlens.examples;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Checks the shape of the server URIs the runner accepts, so that a typo is a one-line usage error before any
 * connection is attempted. Stateless.
 */
final class ServerUris {
    private ServerUris() {}

    /**
     * Checks the shape of a MongoDB connection string: {@code mongodb://[user:pass@]host[:port][,host[:port]…][/db]
     * [?options]} or {@code mongodb+srv://[user:pass@]host[/db][?options]}.
     */
    static String checkMongoUri(String uri) {
        String expected = "--mongo-uri must look like mongodb://host[:port][/database] or mongodb+srv://host"
                + "[/database], got '" + uri + "'";
        boolean srv = uri.startsWith("mongodb+srv://");
        if (!srv && !uri.startsWith("mongodb://")) {
            throw new UsageException(expected);
        }
        String rest = uri.substring(srv ? "mongodb+srv://".length() : "mongodb://".length());
        int end = rest.length();
        for (char c : new char[] {'/', '?'}) {
            int at = rest.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        String authority = rest.substring(0, end);
        int userinfo = authority.lastIndexOf('@');
        String hosts = userinfo >= 0 ? authority.substring(userinfo + 1) : authority;
        if (hosts.isEmpty()) {
            throw new UsageException(expected);
        }
        String[] list = hosts.split(",", -1);
        if (srv && (list.length != 1 || list[0].contains(":"))) {
            throw new UsageException(
                    "--mongo-uri: a mongodb+srv:// URI names one host without a port, got '" + uri + "'");
        }
        for (String host : list) {
            checkHostPort("--mongo-uri", host, uri);
        }
        return uri;
    }

    /** Checks the shape of a Redis URI: {@code redis://[[user]:pass@]host[:port][/db]} or {@code rediss://…}. */
    static String checkRedisUri(String uri) {
        String expected =
                "--redis-uri must look like redis://host[:port][/db] or rediss://host[:port][/db], got '" + uri + "'";
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            throw new UsageException(expected);
        }
        if (!"redis".equals(u.getScheme()) && !"rediss".equals(u.getScheme())) {
            throw new UsageException(expected);
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw new UsageException(expected);
        }
        if (u.getPort() == 0 || u.getPort() > 65_535) {
            throw new UsageException("--redis-uri: port must be 1..65535, got '" + uri + "'");
        }
        String path = u.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            String db = path.substring(1);
            if (!db.chars().allMatch(Character::isDigit) || db.length() > 5) {
                throw new UsageException("--redis-uri: the path must be a database number, got '" + uri + "'");
            }
        }
        return uri;
    }

    private static void checkHostPort(String option, String hostPort, String uri) {
        String host = hostPort;
        String port = null;
        if (hostPort.startsWith("[")) { // IPv6 literal
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new UsageException(option + ": unclosed IPv6 address in '" + uri + "'");
            }
            host = hostPort.substring(0, close + 1);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new UsageException(option + ": bad host '" + hostPort + "' in '" + uri + "'");
                }
                port = after.substring(1);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            if (colon >= 0) {
                host = hostPort.substring(0, colon);
                port = hostPort.substring(colon + 1);
            }
        }
        if (host.isEmpty() || !host.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-._[]:%".indexOf(c) >= 0)) {
            throw new UsageException(option + ": bad host '" + hostPort + "' in '" + uri + "'");
        }
        if (port != null) {
            int p;
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new UsageException(option + ": port must be 1..65535, got '" + port + "' in '" + uri + "'");
            }
            if (p < 1 || p > 65_535) {
                throw new UsageException(option + ": port must be 1..65535, got '" + port + "' in '" + uri + "'");
            }
        }
    }
}
