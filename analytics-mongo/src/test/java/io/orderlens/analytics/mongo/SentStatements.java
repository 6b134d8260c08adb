package io.orderlens.analytics.mongo;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;

/**
 * Records what the driver sends to the database {@link #watch} names (nothing before it names one), a statement at a
 * time: a bulk {@code update}, {@code delete} or {@code insert} is one {@link Statement} per update, delete or
 * document in it; any other command is one statement. The connection's handshake and session commands are left out.
 * Thread-safe; register it with the client (e.g. {@code MongoFixture.freshDatabase(listener)}).
 */
final class SentStatements implements CommandListener {
    private static final Set<String> HANDSHAKE = Set.of("hello", "ismaster", "isMaster", "ping", "endSessions");

    /**
     * One statement.
     *
     * @param command    the command's name ({@code find}, {@code update}, {@code getMore}, ...)
     * @param collection the collection it names, or "" for a command that names none (such as {@code getMore})
     * @param filter     what it selects documents by: a find's {@code filter}, an update's or a delete's {@code q},
     *                   an insert's {@code {_id}}, a findAndModify's {@code query}, an aggregation's first
     *                   {@code $match}; {@code {}} for none
     * @param upsert     whether it is an upsert
     * @param body       the statement as sent: the update ({@code {q, u, upsert?}}), the delete, the inserted document,
     *                   or the whole command for any other
     */
    record Statement(String command, String collection, BsonDocument filter, boolean upsert, BsonDocument body) {}

    private final List<Statement> seen = new ArrayList<>();
    private volatile String database;

    /** Records only what is sent to the database {@code name} from now on. */
    void watch(String name) {
        database = name;
    }

    /** The statements recorded so far, in the order they were sent. */
    synchronized List<Statement> seen() {
        return List.copyOf(seen);
    }

    synchronized void clear() {
        seen.clear();
    }

    @Override
    public synchronized void commandStarted(CommandStartedEvent event) {
        String watched = database;
        String name = event.getCommandName();
        if (!event.getDatabaseName().equals(watched) || HANDSHAKE.contains(name)) {
            return;
        }
        BsonDocument command = event.getCommand().clone(); // the event's buffer is released after the call
        String collection = command.isString(name) ? command.getString(name).getValue() : "";
        switch (name) {
            case "find" -> add(name, collection, command.getDocument("filter", new BsonDocument()), false, command);
            case "update" ->
                command.getArray("updates").forEach(u -> {
                    BsonDocument update = u.asDocument();
                    add(name, collection, update.getDocument("q"), upsert(update), update);
                });
            case "delete" ->
                command.getArray("deletes")
                        .forEach(d -> add(name, collection, d.asDocument().getDocument("q"), false, d.asDocument()));
            case "insert" ->
                command.getArray("documents")
                        .forEach(d -> add(
                                name,
                                collection,
                                new BsonDocument("_id", d.asDocument().get("_id")),
                                false,
                                d.asDocument()));
            case "findAndModify" ->
                add(name, collection, command.getDocument("query", new BsonDocument()), upsert(command), command);
            case "aggregate" -> {
                BsonDocument first = command.getArray("pipeline").isEmpty()
                        ? new BsonDocument()
                        : command.getArray("pipeline").get(0).asDocument();
                add(name, collection, first.getDocument("$match", new BsonDocument()), false, command);
            }
            default -> add(name, collection, new BsonDocument(), false, command);
        }
    }

    private void add(String name, String collection, BsonDocument filter, boolean upsert, BsonDocument body) {
        seen.add(new Statement(name, collection, filter, upsert, body));
    }

    private static boolean upsert(BsonDocument statement) {
        return statement.getBoolean("upsert", BsonBoolean.FALSE).getValue();
    }
}
