package io.sparkdistill.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads report.html and its inline SVG images with the JDK's XML parser, as a strict reader would. */
final class XmlParts {
    private XmlParts() {
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    /** Each {@code <svg>...</svg>} of the page, parsed on its own. */
    static List<Document> svgImages(String html) {
        List<Document> images = new ArrayList<>();
        int from = 0;
        while ((from = html.indexOf("<svg", from)) >= 0) {
            int end = html.indexOf("</svg>", from) + "</svg>".length();
            images.add(parse(html.substring(from, end)));
            from = end;
        }
        return images;
    }

    /** The image whose {@code aria-label} is {@code title}. */
    static Element svgTitled(String html, String title) {
        return svgImages(html).stream().map(Document::getDocumentElement)
                .filter(svg -> svg.getAttribute("aria-label").equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no chart titled '" + title + "'"));
    }

    /** Elements named {@code name} under {@code root} whose class list holds {@code cssClass}. */
    static List<Element> withClass(Element root, String name, String cssClass) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = root.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cssClass)) {
                found.add(e);
            }
        }
        return found;
    }

    /** No script, style sheet, image, frame or link to fetch: the only URLs are the XML namespaces. */
    static void assertLoadsNothingFromElsewhere(String html) {
        for (String external : List.of("<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "href=")) {
            assertFalse(html.contains(external), "found " + external);
        }
        Matcher urls = Pattern.compile("https?://[^\"]*").matcher(html);
        while (urls.find()) {
            assertTrue(List.of("http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg").contains(urls.group()),
                    "a URL that is not an XML namespace: " + urls.group());
        }
    }

    static double number(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }
}
