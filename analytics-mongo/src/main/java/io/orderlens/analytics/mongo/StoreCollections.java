package io.orderlens.analytics.mongo;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.WriteModel;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Every write the store makes goes through one of these calls, one call per step of the batch protocol, so the
 * steps can be observed and interrupted (the fault-injection tests wrap this interface). Reads use
 * {@link #collection} directly. Implementations are thread-safe.
 */
interface StoreCollections {

    /** The driver collection, for reads and index management. */
    MongoCollection<Document> collection(StoreCollection which);

    /** One unordered bulk write; per-item failures surface as {@link com.mongodb.MongoBulkWriteException}. */
    BulkWriteResult bulkWrite(StoreCollection which, List<WriteModel<Document>> models);

    void insertOne(StoreCollection which, Document document);

    void updateOne(StoreCollection which, Bson filter, Bson update);

    void deleteMany(StoreCollection which, Bson filter);
}
