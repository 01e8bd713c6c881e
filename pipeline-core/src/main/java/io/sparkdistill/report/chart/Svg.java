package io.sparkdistill.report.chart;

import java.util.Locale;

/**
 * Writes one inline SVG image: elements with escaped attribute values and text, coordinates with two decimals. The
 * output is well-formed XML, so it can sit inside report.html and be parsed on its own.
 */
public final class Svg {
    private final int width;
    private final int height;
    private final String title;
    private final StringBuilder body = new StringBuilder();

    public Svg(int width, int height, String title) {
        this.width = width;
        this.height = height;
        this.title = title;
    }

    /** An element with no content; {@code attributes} are name, value pairs. */
    public Svg empty(String name, Object... attributes) {
        body.append('<').append(name);
        attributes(attributes);
        body.append("/>");
        return this;
    }

    /** An element holding escaped text, such as {@code <text>} or {@code <title>}. */
    public Svg withText(String name, String text, Object... attributes) {
        body.append('<').append(name);
        attributes(attributes);
        body.append('>').append(Markup.escape(text)).append("</").append(name).append('>');
        return this;
    }

    /** Opens a container element, such as a {@code <g>} or a shape that carries a {@code <title>} tooltip. */
    public Svg open(String name, Object... attributes) {
        body.append('<').append(name);
        attributes(attributes);
        body.append('>');
        return this;
    }

    public Svg close(String name) {
        body.append("</").append(name).append('>');
        return this;
    }

    private void attributes(Object[] pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            String text = value instanceof Double || value instanceof Float ? number(((Number) value).doubleValue())
                    : String.valueOf(value);
            body.append(' ').append(pairs[i]).append("=\"").append(Markup.escape(text)).append('"');
        }
    }

    /** A coordinate or size: two decimals, a dot as decimal separator whatever the JVM's locale. */
    static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    @Override
    public String toString() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\" aria-label=\"" + Markup.escape(title)
                + "\" font-family=\"sans-serif\" font-size=\"12\"><title>" + Markup.escape(title) + "</title>"
                + body + "</svg>";
    }
}
