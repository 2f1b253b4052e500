package dev.faultline.engine.timeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.faultline.engine.io.AtomicFile;

/**
 * {@code ledger.jsonl}: every work item of a run, one JSON object a line, in submission order, so a report can plot
 * the load over time and a run can be judged again later. Item lines:
 * <pre>{"id":"t-1","sentAtMs":1200,"answeredAtMs":1214,"status":202,"accepted":true,"latencyMs":14,
 *  "completions":1,"completedAtMs":1900}</pre>
 * ({@code answeredAtMs}, {@code latencyMs} and {@code completedAtMs} are -1 when never; {@code status} is -1 when no
 * HTTP answer came, with {@code error} saying why). Ids the system reported complete that the load never submitted
 * follow as {@code {"id":"x","unknown":true,"completions":2}}. Written and read a line at a time: a saved ledger
 * reads back into a {@link Ledger} (15 bytes an item), never into a list of items.
 */
public final class LedgerFile {
    public static final String NAME = "ledger.jsonl";
    private static final JsonFactory JSON = new JsonFactory();

    private LedgerFile() {
    }

    /** Writes the ledger into {@code dir} atomically (a temporary file, then a move). */
    public static void write(Ledger ledger, Path dir) throws IOException {
        AtomicFile.write(dir.resolve(NAME), out -> {
            try (JsonGenerator json = JSON.createGenerator(out)) {
                json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                json.setRootValueSeparator(null);
                for (Ledger.WorkItem item : ledger) {
                    write(item, json);
                    json.writeRaw('\n');
                }
                for (Map.Entry<String, Integer> e : ledger.unknownCompletions().entrySet()) {
                    json.writeStartObject();
                    json.writeStringField("id", e.getKey());
                    json.writeBooleanField("unknown", true);
                    json.writeNumberField("completions", e.getValue());
                    json.writeEndObject();
                    json.writeRaw('\n');
                }
            }
        });
    }

    private static void write(Ledger.WorkItem item, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", item.id());
        json.writeNumberField("sentAtMs", item.submittedAt());
        json.writeNumberField("answeredAtMs", item.answeredAt());
        json.writeNumberField("status", item.status());
        json.writeBooleanField("accepted", item.accepted());
        json.writeNumberField("latencyMs", item.latencyMs());
        json.writeNumberField("completions", item.completions());
        json.writeNumberField("completedAtMs", item.firstCompletedAt());
        if (item.error() != null) {
            json.writeStringField("error", item.error());
        }
        json.writeEndObject();
    }

    /** Reads a saved ledger into memory; a line it cannot read is an error (the file is written whole, atomically). */
    public static Ledger read(Path file) throws IOException {
        Ledger ledger = new Ledger();
        try (Lines lines = new Lines(file)) {
            for (Line l = lines.next(); l != null; l = lines.next()) {
                try {
                    if (l.unknown) {
                        ledger.completed(l.id, (int) l.completions, -1);
                    } else {
                        ledger.restore(l.item());
                    }
                } catch (RuntimeException e) {
                    throw new IOException(file + ":" + lines.lineNo + ": " + e.getMessage());
                }
            }
        }
        return ledger;
    }

    /**
     * A saved ledger read where it lies: each iteration streams the file again, so reading a day's ledger for a report
     * holds one item at a time. A line it cannot read ends the iteration with an {@link UncheckedIOException} naming
     * file and line. {@code file} null: a run without a saved ledger (no items).
     */
    public record Saved(Path file) implements Iterable<Ledger.WorkItem> {
        /** A run without a saved ledger. */
        public static Saved none() {
            return new Saved(null);
        }

        @Override
        public Iterator<Ledger.WorkItem> iterator() {
            if (file == null) {
                return Collections.emptyIterator();
            }
            Lines lines;
            try {
                lines = new Lines(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Iterator<>() {
                private Line next = advance();

                private Line advance() {
                    try {
                        Line l;
                        do {
                            l = lines.next();
                        } while (l != null && l.unknown);
                        if (l == null) {
                            lines.close();
                        }
                        return l;
                    } catch (IOException e) {
                        try {
                            lines.close();
                        } catch (IOException suppressed) {
                            e.addSuppressed(suppressed);
                        }
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Ledger.WorkItem next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    Ledger.WorkItem item = next.item();
                    next = advance();
                    return item;
                }
            };
        }
    }

    /** The lines of a saved ledger, one at a time. */
    private static final class Lines implements AutoCloseable {
        private final Path file;
        private final BufferedReader in;
        private int lineNo;

        Lines(Path file) throws IOException {
            this.file = file;
            this.in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        }

        /** The next line's fields, or null at the end. */
        Line next() throws IOException {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                Line l;
                try {
                    l = parse(line);
                } catch (IOException e) {
                    throw new IOException(file + ":" + lineNo + ": not a JSON object");
                }
                if (l.id == null) {
                    throw new IOException(file + ":" + lineNo + " id: expected text");
                }
                return l;
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** The fields of one line; absent numbers read as the writer's "never". */
    private static final class Line {
        String id;
        boolean unknown;
        long sentAtMs;
        long answeredAtMs = -1;
        long status = -1;
        long completions;
        long completedAtMs = -1;
        String error;

        Ledger.WorkItem item() {
            return new Ledger.WorkItem(id, sentAtMs, answeredAtMs, (int) status, error, (int) completions,
                    completedAtMs);
        }
    }

    private static Line parse(String text) throws IOException {
        Line line = new Line();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.getCurrentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "id" -> line.id = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "unknown" -> line.unknown = value == JsonToken.VALUE_TRUE;
                    case "sentAtMs" -> line.sentAtMs = number(p, 0);
                    case "answeredAtMs" -> line.answeredAtMs = number(p, -1);
                    case "status" -> line.status = number(p, -1);
                    case "completions" -> line.completions = number(p, 0);
                    case "completedAtMs" -> line.completedAtMs = number(p, -1);
                    case "error" -> line.error = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IOException("not one object");
            }
        }
        return line;
    }

    private static long number(JsonParser p, long otherwise) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        p.skipChildren();
        return otherwise;
    }
}
