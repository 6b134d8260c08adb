package io.orderlens.examples.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.Instantiatable;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes the export with Jackson: records as objects with their declared property order, decimals exactly and in
 * plain notation ({@code 8911407.904}, never {@code 8.9E+6}), dates as {@code yyyy-MM-dd}, and the documented layout:
 * the top level and its objects and arrays one member per line, the entries of the lists one object per line.
 * Thread-safe.
 */
final class ExportJson {
    /** Containers nested up to this depth put each member on its own line; deeper ones stay on one line. */
    static final int PRETTY_DEPTH = 2;

    private static final ObjectWriter WRITER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build()
            .writer(new Layout());

    private ExportJson() {}

    /** Writes {@code value} and a final newline to {@code w}, and flushes; leaves {@code w} open. */
    static void write(Object value, Writer w) throws IOException {
        WRITER.writeValue(w, value);
        w.write('\n');
        w.flush();
    }

    /**
     * The export's layout. Jackson asks a fresh instance per document ({@link #createInstance}), so the depth it
     * tracks is never shared.
     */
    static final class Layout implements PrettyPrinter, Instantiatable<Layout> {
        private int depth;

        @Override
        public Layout createInstance() {
            return new Layout();
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
            depth++;
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            breakLine(g, depth);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(pretty() ? ": " : ":");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            separate(g);
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            end(g, entries, '}');
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
            depth++;
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            breakLine(g, depth);
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            separate(g);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            end(g, values, ']');
        }

        private boolean pretty() {
            return depth <= PRETTY_DEPTH;
        }

        private void separate(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            if (pretty()) {
                breakLine(g, depth);
            } else {
                g.writeRaw(' ');
            }
        }

        private void end(JsonGenerator g, int members, char close) throws IOException {
            if (pretty() && members > 0) {
                breakLine(g, depth - 1);
            }
            g.writeRaw(close);
            depth--;
        }

        private void breakLine(JsonGenerator g, int indent) throws IOException {
            if (pretty()) {
                g.writeRaw('\n');
                g.writeRaw("  ".repeat(indent));
            }
        }
    }
}
