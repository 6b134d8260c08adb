package io.orderlens.analytics.mongo;

import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.orderlens.analytics.StoreException;
import java.util.function.Supplier;

/** Translates driver failures into {@link StoreException} at the store's boundary, saying what was being done. */
final class Failures {
    private Failures() {}

    static <T> T translate(String doing, Supplier<T> body) {
        try {
            return body.get();
        } catch (MongoException e) {
            throw translate(doing, e);
        }
    }

    static void run(String doing, Runnable body) {
        translate(doing, () -> {
            body.run();
            return null;
        });
    }

    static StoreException translate(String doing, MongoException e) {
        String kind;
        if (e instanceof MongoTimeoutException || e instanceof MongoExecutionTimeoutException) {
            kind = "timed out";
        } else if (e instanceof MongoSocketException) {
            kind = "lost its connection to the server";
        } else if (e instanceof MongoInterruptedException) {
            kind = "was interrupted";
        } else {
            kind = "failed (code " + e.getCode() + ")";
        }
        return new StoreException("MongoDB store " + kind + " while " + doing + ": " + e.getMessage()
               , e);
    }
}
