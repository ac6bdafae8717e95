package org.nodeprocessexporter.daemon;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The XML-RPC wire format (xmlrpc.com's specification) for a client: a call without parameters,
 * and a response read with the JDK's StAX parser with DTDs and external entities off (a reply can
 * declare no entity, include no file and fetch no URL). Values become Java objects: {@code String}
 * (also for an untyped value, and for dateTime.iso8601 and base64, whose text is kept as it is),
 * {@code Long} (int, i4, i8), {@code Double}, {@code Boolean}, {@code null} (nil),
 * {@code Map<String, Object>} (struct) and {@code List<Object>} (array).
 *
 * <p>One instance per user: the StAX factory it holds is not thread-safe.
 */
public final class XmlRpc {
    /** The response was well-formed XML-RPC but a fault, or not XML-RPC at all. */
    public static final class XmlRpcException extends IOException {
        XmlRpcException(String message) {
            super(message);
        }
    }

    private final XMLInputFactory factory;

    public XmlRpc() {
        factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    /** A {@code methodCall} of {@code method} without parameters. */
    public static byte[] call(String method) {
        return ("<?xml version=\"1.0\"?><methodCall><methodName>" + escape(method)
                + "</methodName><params></params></methodCall>").getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The single value of a {@code methodResponse}; a fault is an {@link XmlRpcException} with its code and string. */
    public Object response(byte[] body) throws XmlRpcException {
        try {
            XMLStreamReader r = factory.createXMLStreamReader(new ByteArrayInputStream(body));
            try {
                expect(r, r.nextTag(), "methodResponse");
                int event = r.nextTag();
                if (event == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("fault")) {
                    expect(r, r.nextTag(), "value");
                    Object fault = value(r);
                    throw new XmlRpcException("fault: " + (fault instanceof Map<?, ?> m
                            ? m.get("faultCode") + " " + m.get("faultString") : fault));
                }
                expect(r, event, "params");
                expect(r, r.nextTag(), "param");
                expect(r, r.nextTag(), "value");
                return value(r);
            } finally {
                r.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new XmlRpcException("invalid response: " + e.getMessage());
        }
    }

    private static void expect(XMLStreamReader r, int event, String element) throws XmlRpcException {
        if (event != XMLStreamConstants.START_ELEMENT || !r.getLocalName().equals(element)) {
            throw new XmlRpcException("invalid response: missing " + element);
        }
    }

    /** The value whose {@code <value>} start the reader is at; leaves it after {@code </value>}. */
    private static Object value(XMLStreamReader r) throws XMLStreamException, XmlRpcException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = r.next();
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                text.append(r.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                return text.toString(); // <value>text</value>: a string
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                Object v = typed(r);
                if (r.nextTag() != XMLStreamConstants.END_ELEMENT) {
                    throw new XmlRpcException("invalid response: more than one type in a value");
                }
                return v;
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new XmlRpcException("invalid response: truncated");
            }
        }
    }

    private static Object typed(XMLStreamReader r) throws XMLStreamException, XmlRpcException {
        String type = r.getLocalName();
        switch (type) {
            case "string", "dateTime.iso8601", "base64":
                return r.getElementText();
            case "int", "i4", "i8", "i1", "i2":
                return Long.parseLong(r.getElementText().trim());
            case "double":
                return Double.parseDouble(r.getElementText().trim());
            case "boolean": {
                String b = r.getElementText().trim();
                if (b.equals("1") || b.equals("true")) {
                    return true;
                }
                if (b.equals("0") || b.equals("false")) {
                    return false;
                }
                throw new XmlRpcException("invalid response: invalid boolean value " + b);
            }
            case "nil":
                r.getElementText();
                return null;
            case "struct": {
                Map<String, Object> members = new LinkedHashMap<>();
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    expect(r, XMLStreamConstants.START_ELEMENT, "member");
                    expect(r, r.nextTag(), "name");
                    String name = r.getElementText();
                    expect(r, r.nextTag(), "value");
                    members.put(name, value(r));
                    if (r.nextTag() != XMLStreamConstants.END_ELEMENT) {
                        throw new XmlRpcException("invalid response: member with more than a name and a value");
                    }
                }
                return members;
            }
            case "array": {
                expect(r, r.nextTag(), "data");
                List<Object> items = new ArrayList<>();
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    expect(r, XMLStreamConstants.START_ELEMENT, "value");
                    items.add(value(r));
                }
                r.nextTag(); // </array>
                return items;
            }
            default:
                throw new XmlRpcException("invalid response: unknown type " + type);
        }
    }
}
