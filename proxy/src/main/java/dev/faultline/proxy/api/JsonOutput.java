package dev.faultline.proxy.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.faultline.proxy.core.Proxy;
import dev.faultline.proxy.toxics.GoNumbers;
import dev.faultline.proxy.toxics.ToxicSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes the API's JSON byte for byte as Toxiproxy (Go's encoding/json) does: compact, fields in
 * Toxiproxy's order, {@code <>&} escaped as {@code \u003c}-style sequences, floats in Go's format.
 */
public final class JsonOutput {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonOutput() {
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] render(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
            json.setCharacterEscapes(GoEscapes.INSTANCE);
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory", e);
        }
        return bytes.toByteArray();
    }

    public static byte[] proxy(Proxy proxy) {
        return render(json -> writeProxy(json, proxy));
    }

    /** GET /proxies: an object of proxies by name, names sorted. */
    public static byte[] proxies(List<Proxy> proxies) {
        return render(json -> {
            json.writeStartObject();
            for (Proxy proxy : proxies) {
                json.writeFieldName(proxy.name());
                writeProxy(json, proxy);
            }
            json.writeEndObject();
        });
    }

    /** POST /populate: {@code {"proxies":[...]}}, or with an error first; an empty list is {@code null} as in Go. */
    public static byte[] populate(List<Proxy> proxies, ApiException error) {
        return render(json -> {
            json.writeStartObject();
            if (error != null) {
                json.writeStringField("error", error.getMessage());
                json.writeNumberField("status", error.status());
            }
            json.writeFieldName("proxies");
            if (proxies == null || proxies.isEmpty()) {
                json.writeNull();
            } else {
                json.writeStartArray();
                for (Proxy proxy : proxies) {
                    writeProxy(json, proxy);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        });
    }

    /**
     * GET /proxies/{p}/connections (Faultline extension): {@code {"accepted":N,"open":M}}, the client connections
     * accepted since the proxy was created and those open now.
     */
    public static byte[] connections(Proxy proxy) {
        return render(json -> {
            json.writeStartObject();
            json.writeNumberField("accepted", proxy.acceptedConnections());
            json.writeNumberField("open", proxy.connectionCount());
            json.writeEndObject();
        });
    }

    public static byte[] toxic(ToxicSpec toxic) {
        return render(json -> writeToxic(json, toxic));
    }

    public static byte[] toxics(List<ToxicSpec> toxics) {
        return render(json -> writeToxics(json, toxics));
    }

    public static byte[] attributes(ToxicSpec toxic) {
        return render(json -> {
            json.writeStartObject();
            toxic.attributes().writeFields(json);
            json.writeEndObject();
        });
    }

    static byte[] error(String message, int status) {
        return render(json -> {
            json.writeStartObject();
            json.writeStringField("error", message);
            json.writeNumberField("status", status);
            json.writeEndObject();
        });
    }

    private static void writeProxy(JsonGenerator json, Proxy proxy) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", proxy.name());
        json.writeStringField("listen", proxy.listen());
        json.writeStringField("upstream", proxy.upstream());
        json.writeBooleanField("enabled", proxy.enabled());
        json.writeFieldName("toxics");
        writeToxics(json, proxy.toxics().inDisplayOrder());
        json.writeEndObject();
    }

    private static void writeToxics(JsonGenerator json, List<ToxicSpec> toxics) throws IOException {
        json.writeStartArray();
        for (ToxicSpec toxic : toxics) {
            writeToxic(json, toxic);
        }
        json.writeEndArray();
    }

    private static void writeToxic(JsonGenerator json, ToxicSpec toxic) throws IOException {
        json.writeStartObject();
        json.writeFieldName("attributes");
        json.writeStartObject();
        toxic.attributes().writeFields(json);
        json.writeEndObject();
        json.writeStringField("name", toxic.name());
        json.writeStringField("type", toxic.type().json());
        json.writeStringField("stream", toxic.stream().json());
        json.writeFieldName("toxicity");
        json.writeRawValue(GoNumbers.formatFloat32(toxic.toxicity()));
        if (!toxic.clients().isEveryone()) {
            json.writeArrayFieldStart("clients");
            for (String entry : toxic.clients().entries()) {
                json.writeString(entry);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    /** Go escapes {@code <}, {@code >}, {@code &}, U+2028 and U+2029 in strings, with lower-case hex. */
    private static final class GoEscapes extends CharacterEscapes {
        static final GoEscapes INSTANCE = new GoEscapes();
        private final int[] ascii;

        private GoEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii['<'] = ESCAPE_CUSTOM;
            ascii['>'] = ESCAPE_CUSTOM;
            ascii['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case '<' -> new SerializedString("\\u003c");
                case '>' -> new SerializedString("\\u003e");
                case '&' -> new SerializedString("\\u0026");
                case 0x2028 -> new SerializedString("\\u2028");
                case 0x2029 -> new SerializedString("\\u2029");
                default -> null;
            };
        }
    }
}
