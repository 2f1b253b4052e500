package dev.faultline.reports.html;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A written page read back as XML (the page is well-formed XML), queried with XPath. */
final class PageDom {
    private final Document doc;
    private final XPath xpath = XPathFactory.newInstance().newXPath();

    private PageDom(Document doc) {
        this.doc = doc;
    }

    static PageDom parse(String html) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return new PageDom(factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new AssertionError("the page is not well-formed XML: " + e.getMessage(), e);
        }
    }

    List<Element> all(String expression) {
        try {
            NodeList nodes = (NodeList) xpath.evaluate(expression, doc, XPathConstants.NODESET);
            List<Element> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add((Element) nodes.item(i));
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError(expression + ": " + e.getMessage(), e);
        }
    }

    Element one(String expression) {
        List<Element> found = all(expression);
        if (found.size() != 1) {
            throw new AssertionError(expression + ": expected one element but found " + found.size());
        }
        return found.get(0);
    }

    /** The text of the one element {@code expression} selects, whitespace trimmed. */
    String text(String expression) {
        return one(expression).getTextContent().trim();
    }

    /** The text of the cell {@code <td data-figure="id">} inside {@code scope} (an XPath). */
    String figure(String scope, String id) {
        return text(scope + "//td[@data-figure='" + id + "']");
    }
}
