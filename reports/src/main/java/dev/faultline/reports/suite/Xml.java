package dev.faultline.reports.suite;

import java.io.Writer;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes markup through StAX, so every text and attribute is escaped by the writer, never by hand: {@code junit.xml}
 * and {@code index.html} (written as HTML that is also well-formed XML). Characters XML cannot hold (control
 * characters from a log line, a lone surrogate) become U+FFFD, so a saved reason can never make the file unreadable.
 */
final class Xml {
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private final XMLStreamWriter out;
    private int depth;

    private Xml(XMLStreamWriter out) {
        this.out = out;
    }

    static Xml to(Writer writer) throws XMLStreamException {
        return new Xml(FACTORY.createXMLStreamWriter(writer));
    }

    XMLStreamWriter writer() {
        return out;
    }

    /** Opens {@code name} with attributes given as name, value pairs (a null value leaves the attribute out). */
    Xml start(String name, String... attributes) throws XMLStreamException {
        out.writeStartElement(name);
        depth++;
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.writeAttribute(attributes[i], clean(attributes[i + 1]));
            }
        }
        return this;
    }

    /** An element with no content, closed in itself ({@code <meta charset="utf-8"/>}: HTML's void elements). */
    Xml empty(String name, String... attributes) throws XMLStreamException {
        out.writeEmptyElement(name);
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.writeAttribute(attributes[i], clean(attributes[i + 1]));
            }
        }
        return this;
    }

    Xml text(String text) throws XMLStreamException {
        out.writeCharacters(clean(text));
        return this;
    }

    Xml end() throws XMLStreamException {
        depth--;
        out.writeEndElement();
        return this;
    }

    /** Closes the current element on a line of its own, for an element that holds other elements. */
    Xml endBlock() throws XMLStreamException {
        depth--;
        out.writeCharacters("\n" + "  ".repeat(Math.max(0, depth)));
        out.writeEndElement();
        return this;
    }

    /** An element holding only {@code text}. */
    Xml leaf(String name, String text, String... attributes) throws XMLStreamException {
        return start(name, attributes).text(text).end();
    }

    /** A new line indented to the current depth, for people reading the file. */
    Xml line() throws XMLStreamException {
        out.writeCharacters("\n" + "  ".repeat(Math.max(0, depth)));
        return this;
    }

    /** {@code text} with every character XML 1.0 cannot hold replaced by U+FFFD. */
    static String clean(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            int c = text.codePointAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                    || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
            if (!allowed && sb == null) {
                sb = new StringBuilder(text.substring(0, i));
            }
            if (sb != null) {
                if (allowed) {
                    sb.appendCodePoint(c);
                } else {
                    sb.append('\uFFFD');
                }
            }
            if (Character.isSupplementaryCodePoint(c)) {
                i++;
            }
        }
        return sb == null ? text : sb.toString();
    }
}
