package io.orderlens.analytics.model;

import io.orderlens.analytics.InvalidEventException;

/** Argument checks shared by the self-validating records. Every failure is an {@link InvalidEventException}. */
final class Checks {
    private static final int MAX_ID_LENGTH = 200;

    private Checks() {}

    /** Returns {@code value} if it is a usable identifier: not null, not blank, at most 200 chars, no control chars. */
    static String id(String value, String what, String context) {
        if (value == null) {
            throw new InvalidEventException(what + " must not be null" + context);
        }
        if (value.isBlank()) {
            throw new InvalidEventException(what + " must not be blank" + context);
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new InvalidEventException(
                    what + " must be at most " + MAX_ID_LENGTH + " characters, got " + value.length() + context);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidEventException(what + " must not contain control characters" + context);
            }
        }
        return value;
    }

    static <T> T notNull(T value, String what, String context) {
        if (value == null) {
            throw new InvalidEventException(what + " must not be null" + context);
        }
        return value;
    }

    /** " in order o-1" style suffix for messages; empty when the id itself is unknown. */
    static String in(String kind, String id) {
        return id == null || id.isBlank() ? "" : " in " + kind + " " + id;
    }
}
