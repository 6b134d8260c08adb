package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.BsonValues.count;
import static io.orderlens.analytics.mongo.BsonValues.day;
import static io.orderlens.analytics.mongo.BsonValues.documents;

import io.orderlens.analytics.flag.FlagDayTally;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A flag's statistics of one day as a plain sub-document of its ledger document: {@code {flag, date, evaluations,
 * on, values: [{value, count}], flushes: [{instance, sequence}]}}. Values are array elements, not field names, so any
 * string a flag serves is stored as it is. Decoding gives back a value equal to the one encoded. Stateless and
 * thread-safe.
 */
final class FlagTallyDocuments {
    private FlagTallyDocuments() {}

    static Document tally(FlagDayTally t) {
        return new Document("flag", t.flag())
                .append("date", day(t.date()))
                .append("evaluations", t.evaluations())
                .append("on", t.on())
                .append("values", pairs(t.values(), "value", "count"))
                .append("flushes", pairs(t.flushes(), "instance", "sequence"));
    }

    static FlagDayTally tally(Document d) {
        return new FlagDayTally(
                d.getString("flag"),
                day(d, "date"),
                count(d, "evaluations"),
                count(d, "on"),
                map(d, "values", "value", "count"),
                map(d, "flushes", "instance", "sequence"));
    }

    private static List<Document> pairs(Map<String, Long> map, String keyField, String valueField) {
        List<Document> out = new ArrayList<>(map.size());
        map.forEach((k, v) -> out.add(new Document(keyField, k).append(valueField, v)));
        return out;
    }

    private static Map<String, Long> map(Document d, String field, String keyField, String valueField) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Document pair : documents(d, field)) {
            out.put(pair.getString(keyField), count(pair, valueField));
        }
        return out;
    }
}
