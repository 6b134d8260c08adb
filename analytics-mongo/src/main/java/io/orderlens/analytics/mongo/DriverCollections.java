package io.orderlens.analytics.mongo;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/** {@link StoreCollections} straight on the driver, with the configured write concern. */
final class DriverCollections implements StoreCollections {
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final Map<StoreCollection, MongoCollection<Document>> collections = new EnumMap<>(StoreCollection.class);

    DriverCollections(MongoDatabase database, MongoStoreOptions options) {
        for (StoreCollection c : StoreCollection.values()) {
            collections.put(
                    c,
                    database.getCollection(options.collectionPrefix() + c.suffix())
                            .withWriteConcern(options.writeConcern()));
        }
    }

    @Override
    public MongoCollection<Document> collection(StoreCollection which) {
        return collections.get(which);
    }

    @Override
    public BulkWriteResult bulkWrite(StoreCollection which, List<WriteModel<Document>> models) {
        return collections.get(which).bulkWrite(models, UNORDERED);
    }

    @Override
    public void insertOne(StoreCollection which, Document document) {
        collections.get(which).insertOne(document);
    }

    @Override
    public void updateOne(StoreCollection which, Bson filter, Bson update) {
        collections.get(which).updateOne(filter, update);
    }

    @Override
    public void deleteMany(StoreCollection which, Bson filter) {
        collections.get(which).deleteMany(filter);
    }
}
