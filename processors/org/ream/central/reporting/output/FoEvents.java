package org.ream.central.reporting.output;

import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * XSL-FO written as SAX events straight into FOP's handler: no FO document, string or DOM is ever
 * built, so what is held is what FOP holds (one page-sequence at a time).
 */
final class FoEvents {

    static final String NS = "http://www.w3.org/1999/XSL/Format";

    private final ContentHandler handler;
    private final AttributesImpl attributes = new AttributesImpl();
    private char[] buffer = new char[256];

    FoEvents(ContentHandler handler) {
        this.handler = handler;
    }

    void startDocument() throws SAXException {
        handler.startDocument();
        handler.startPrefixMapping("fo", NS);
    }

    void endDocument() throws SAXException {
        handler.endPrefixMapping("fo");
        handler.endDocument();
    }

    /** Opens an element with attributes given as name, value pairs (a null value leaves the attribute out). */
    void start(String name, String... attributeNamesAndValues) throws SAXException {
        attributes.clear();
        for (int i = 0; i < attributeNamesAndValues.length; i += 2) {
            String value = attributeNamesAndValues[i + 1];
            if (value != null) {
                String attribute = attributeNamesAndValues[i];
                attributes.addAttribute("", attribute, attribute, "CDATA", value);
            }
        }
        handler.startElement(NS, name, "fo:" + name, attributes);
    }

    void end(String name) throws SAXException {
        handler.endElement(NS, name, "fo:" + name);
    }

    void empty(String name, String... attributeNamesAndValues) throws SAXException {
        start(name, attributeNamesAndValues);
        end(name);
    }

    void text(String text) throws SAXException {
        if (text == null || text.isEmpty()) {
            return;
        }
        String safe = ValueFormat.xmlSafe(text);
        int length = safe.length();
        if (buffer.length < length) {
            buffer = new char[Math.max(length, buffer.length * 2)];
        }
        safe.getChars(0, length, buffer, 0);
        handler.characters(buffer, 0, length);
    }

    /** A block with text. */
    void block(String text, String... attributeNamesAndValues) throws SAXException {
        start("block", attributeNamesAndValues);
        text(text);
        end("block");
    }
}
