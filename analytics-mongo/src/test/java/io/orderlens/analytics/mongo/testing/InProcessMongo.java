package io.orderlens.analytics.mongo.testing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A MongoDB wire-protocol server in this JVM (mongo-java-server) and the clients connected to it. Each test gets its
 * own database, so tests of one class share the server without seeing each other's data.
 */
public final class InProcessMongo implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final MongoServer server;
    private final InetSocketAddress address;
    private final List<MongoClient> clients = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();

    private InProcessMongo(MongoBackend backend) {
        this.server = new MongoServer(backend);
        this.address = server.bind();
    }

    private InProcessMongo(MongoBackend backend, InetSocketAddress at) {
        this.server = new MongoServer(backend);
        server.bind(at.getHostString(), at.getPort());
        this.address = at;
    }

    /** A server on {@code backend} listening where {@code previous} listened (a restart). */
    public static InProcessMongo restart(MongoBackend backend, InProcessMongo previous) {
        return new InProcessMongo(backend, previous.address);
    }

    public static InProcessMongo on(MongoBackend backend) {
        return new InProcessMongo(backend);
    }

    /**
     * Stops the server; clients stay open and reconnect when a server listens on the address again. Idempotent: a
     * second shutdown of a stopped server can wait forever for channels that are gone.
     */
    public void stopServer() {
        if (stopped.compareAndSet(false, true)) {
            server.shutdownNow();
        }
    }

    public static InProcessMongo memory() {
        return new InProcessMongo(new MemoryBackend());
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** A new client (closed with this server), optionally observing every command it sends. */
    public MongoClient client(CommandListener... listeners) {
        return client(5_000, listeners);
    }

    /** A new client that gives up selecting a server after {@code timeoutMillis}. */
    public MongoClient client(int timeoutMillis, CommandListener... listeners) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(timeoutMillis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                        .readTimeout(10_000, TimeUnit.MILLISECONDS));
        for (CommandListener l : listeners) {
            settings.addCommandListener(l);
        }
        MongoClient client = MongoClients.create(settings.build());
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    /** A fresh, empty database on a new client. */
    public MongoDatabase freshDatabase() {
        return client().getDatabase(freshDatabaseName());
    }

    public static String freshDatabaseName() {
        return "test" + DATABASES.incrementAndGet();
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(MongoClient::close);
            clients.clear();
        }
        stopServer();
    }
}
