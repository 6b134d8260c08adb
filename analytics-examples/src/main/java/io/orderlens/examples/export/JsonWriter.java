package io.orderlens.examples.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * A small streaming JSON writer. Strings are escaped as RFC 8259 requires; decimals are written exactly, in plain
 * notation (never with an exponent). Containers up to {@code prettyDepth} deep start each member on its own indented
 * line, deeper ones stay on one line, so an array of small objects prints one object per line. Misuse (a value
 * without a name inside an object, unbalanced ends) fails with {@link IllegalStateException}. Not thread-safe.
 */
public final class JsonWriter {
    private enum Kind { OBJECT, ARRAY }

    private static final class Frame {
        final Kind kind;
        boolean empty = true;
        boolean nameWritten;

        Frame(Kind kind) {
            this.kind = kind;
        }
    }

    private final Writer out;
    private final int prettyDepth;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private boolean done;

    public JsonWriter(Writer out, int prettyDepth) {
        this.out = Objects.requireNonNull(out, "out");
        this.prettyDepth = prettyDepth;
    }

    public JsonWriter beginObject() {
        beforeValue();
        write('{');
        stack.push(new Frame(Kind.OBJECT));
        return this;
    }

    public JsonWriter endObject() {
        return end(Kind.OBJECT, '}');
    }

    public JsonWriter beginArray() {
        beforeValue();
        write('[');
        stack.push(new Frame(Kind.ARRAY));
        return this;
    }

    public JsonWriter endArray() {
        return end(Kind.ARRAY, ']');
    }

    /** The name of the next member of the current object. */
    public JsonWriter name(String name) {
        Frame f = stack.peek();
        if (f == null || f.kind != Kind.OBJECT || f.nameWritten) {
            throw new IllegalStateException("a name belongs directly inside an object, before its value");
        }
        separate(f);
        string(name);
        write(pretty() ? ": " : ":");
        f.nameWritten = true;
        return this;
    }

    public JsonWriter value(String s) {
        beforeValue();
        if (s == null) {
            write("null");
        } else {
            string(s);
        }
        return this;
    }

    public JsonWriter value(long n) {
        beforeValue();
        write(Long.toString(n));
        return this;
    }

    /** An exact decimal in plain notation, e.g. {@code 8911407.904}; never {@code 8.9E+6}. */
    public JsonWriter value(BigDecimal d) {
        beforeValue();
        write(d == null ? "null" : d.toPlainString());
        return this;
    }

    /** Shorthand for {@code name(n).value(v)}. */
    public JsonWriter member(String n, String v) {
        return name(n).value(v);
    }

    public JsonWriter member(String n, long v) {
        return name(n).value(v);
    }

    public JsonWriter member(String n, BigDecimal v) {
        return name(n).value(v);
    }

    /** Checks that the document is complete and flushes. */
    public void finish() {
        if (!stack.isEmpty() || !done) {
            throw new IllegalStateException("the JSON document is not complete");
        }
        write('\n');
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonWriter end(Kind kind, char close) {
        Frame f = stack.peek();
        if (f == null || f.kind != kind || f.nameWritten) {
            throw new IllegalStateException("unbalanced end of " + kind.name().toLowerCase(java.util.Locale.ROOT));
        }
        boolean wasPretty = pretty();
        stack.pop();
        if (wasPretty && !f.empty) {
            newline();
        }
        write(close);
        return this;
    }

    private void beforeValue() {
        Frame f = stack.peek();
        if (f == null) {
            if (done) {
                throw new IllegalStateException("a JSON document has one top-level value");
            }
            done = true;
            return;
        }
        if (f.kind == Kind.OBJECT) {
            if (!f.nameWritten) {
                throw new IllegalStateException("a value inside an object needs a name first");
            }
            f.nameWritten = false;
            f.empty = false;
        } else {
            separate(f);
        }
    }

    private void separate(Frame f) {
        if (!f.empty) {
            write(',');
            if (!pretty()) {
                write(' ');
            }
        }
        f.empty = false;
        if (pretty()) {
            newline();
        }
    }

    private boolean pretty() {
        return stack.size() <= prettyDepth;
    }

    private void newline() {
        write('\n');
        write("  ".repeat(stack.size()));
    }

    private void string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        write(sb.append('"').toString());
    }

    private void write(char c) {
        try {
            out.write(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
