package io.orderlens.analytics.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.StoreRejectedException;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.BSONException;
import org.bson.codecs.configuration.CodecConfigurationException;

/**
 * Translates driver failures into {@link StoreException} at the store's boundary, saying what was being done.
 * Failures that a retry cannot change become {@link StoreRejectedException}: a document or command the driver
 * cannot encode (beyond the server's 16 MiB limit, {@link BSONException}, {@link CodecConfigurationException}), and
 * server errors whose code says the command itself is wrong (see {@link #PERMANENT_CODES}).
 */
final class Failures {
    /**
     * Server error codes that no retry can change: BadValue 2, FailedToParse 9, Unauthorized 13, TypeMismatch 14,
     * DollarPrefixedFieldName 52, EmptyFieldName 56, DottedFieldName 57, DocumentValidationFailure 121,
     * BSONObjectTooLarge 10334, KeyTooLong 17280, and 17419/17420 (an update would make a document too large).
     */
    static final Set<Integer> PERMANENT_CODES = Set.of(2, 9, 13, 14, 52, 56, 57, 121, 10334, 17280, 17419, 17420);

    private Failures() {}

    static <T> T translate(String doing, Supplier<T> body) {
        try {
            return body.get();
        } catch (MongoException e) {
            throw translate(doing, e);
        } catch (BSONException | CodecConfigurationException e) {
            throw rejected(doing, e);
        }
    }

    static void run(String doing, Runnable body) {
        translate(doing, () -> {
            body.run();
            return null;
        });
    }

    /** A driver-side encoding failure: the command was never sent. */
    static StoreRejectedException rejected(String doing, RuntimeException e) {
        return new StoreRejectedException(
                "MongoDB store could not encode the command while " + doing
                        + " (a retry cannot succeed; nothing of it was sent): " + e.getMessage(),
                e);
    }

    static StoreException translate(String doing, MongoException e) {
        Integer permanent = permanentCode(e);
        if (permanent != null) {
            return new StoreRejectedException(
                    "MongoDB store was refused (code " + permanent + ") while " + doing + "; a retry cannot succeed: "
                            + e.getMessage(),
                    e);
        }
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
        return new StoreException("MongoDB store " + kind + " while " + doing + ": " + e.getMessage(), e);
    }

    /** The permanent error code of {@code e}, or null if a retry might succeed. */
    private static Integer permanentCode(MongoException e) {
        if (e instanceof MongoBulkWriteException bulk) {
            if (bulk.getWriteConcernError() != null) {
                return null;
            }
            for (BulkWriteError w : bulk.getWriteErrors()) {
                if (PERMANENT_CODES.contains(w.getCode())) {
                    return w.getCode();
                }
            }
            return null;
        }
        if (e instanceof MongoWriteException w) {
            return PERMANENT_CODES.contains(w.getError().getCode())
                    ? w.getError().getCode()
                    : null;
        }
        if (e instanceof MongoCommandException c) {
            return PERMANENT_CODES.contains(c.getErrorCode()) ? c.getErrorCode() : null;
        }
        return null;
    }
}
