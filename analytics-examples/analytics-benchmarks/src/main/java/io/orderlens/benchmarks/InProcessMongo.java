package io.orderlens.benchmarks;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/**
 * An in-process MongoDB wire-protocol server (memory backend) on a free loopback port, and one driver client to it
 * whose commands are counted. Close it to stop both.
 */
final class InProcessMongo implements AutoCloseable {
    private final MongoServer server;
    private final MongoClient client;
    private final CommandCounter commands = new CommandCounter();

    InProcessMongo() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        try {
            client = MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(
                            new ConnectionString("mongodb://" + address.getHostString() + ":" + address.getPort()))
                    .addCommandListener(commands)
                    .build());
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
    }

    MongoClient client() {
        return client;
    }

    MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    CommandCounter commands() {
        return commands;
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.shutdownNow();
        }
    }
}
