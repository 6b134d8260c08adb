package io.orderlens.analytics.mongo.testing;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Records the names of the commands a client sends to one database (handshakes and pings excluded). */
public final class CommandCounter implements CommandListener {
    private static final Set<String> IGNORED = Set.of("hello", "ismaster", "isMaster", "ping", "endSessions");

    private final List<String> commands = new ArrayList<>();
    private volatile String database;

    public void watch(String databaseName) {
        this.database = databaseName;
        reset();
    }

    public synchronized void reset() {
        commands.clear();
    }

    public synchronized List<String> commands() {
        return List.copyOf(commands);
    }

    @Override
    public synchronized void commandStarted(CommandStartedEvent event) {
        if (event.getDatabaseName().equals(database) && !IGNORED.contains(event.getCommandName())) {
            commands.add(event.getCommandName() + " " + collectionOf(event));
        }
    }

    private static String collectionOf(CommandStartedEvent event) {
        var value = event.getCommand().get(event.getCommandName());
        return value != null && value.isString() ? value.asString().getValue() : "";
    }
}
