package dev.stepgym.scenarios.report;

import java.util.List;
import java.util.Locale;

/**
 * Small building blocks for self-contained HTML reports: escaping, numbers that read well, SVG
 * elements with a hover {@code <title>}, a categorical palette and a diverging colour scale. Every
 * report page built from these has no script and no external reference, so it opens anywhere (a CI
 * artifact, a mail attachment, a headless browser).
 */
public final class Svg {
    /** Distinguishable colours for categories (reward components, agents), cycled past the end. */
    private static final List<String> PALETTE = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
            "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939");

    private Svg() {
    }

    /** {@code text} safe inside HTML text and attribute values; null becomes the empty string. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // control characters other than tab/newline are not allowed in HTML text
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A number for people: integers without decimals, others with up to {@code decimals} places. */
    public static String number(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return text.equals("-0." + "0".repeat(decimals)) ? text.substring(1) : text;
    }

    /** A coordinate with one decimal, the precision SVG needs here. */
    public static String coord(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** The opening {@code <svg>} tag of a chart of the given size, labelled for screen readers. */
    public static String open(int width, int height, String label, String cssClass) {
        return "<svg class=\"" + escape(cssClass) + "\" width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 "
                + width + " " + height + "\" role=\"img\" aria-label=\"" + escape(label) + "\">";
    }

    /** A filled rectangle with a hover text; a negative height or width is normalised. */
    public static String rect(double x, double y, double width, double height, String fill, String hover) {
        double left = width < 0 ? x + width : x;
        double top = height < 0 ? y + height : y;
        return "<rect x=\"" + coord(left) + "\" y=\"" + coord(top) + "\" width=\"" + coord(Math.abs(width)) + "\" height=\""
                + coord(Math.abs(height)) + "\" fill=\"" + fill + "\">" + title(hover) + "</rect>";
    }

    /** A line, e.g. an axis or the zero line. */
    public static String line(double x1, double y1, double x2, double y2, String stroke) {
        return "<line x1=\"" + coord(x1) + "\" y1=\"" + coord(y1) + "\" x2=\"" + coord(x2) + "\" y2=\"" + coord(y2)
                + "\" stroke=\"" + stroke + "\" stroke-width=\"1\"/>";
    }

    /** Text at a point; {@code anchor} is start, middle or end. */
    public static String text(double x, double y, String anchor, String content) {
        return "<text x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"10\" fill=\"#555\">"
                + escape(content) + "</text>";
    }

    /** A polyline through the points {@code xs[i], ys[i]}. */
    public static String polyline(double[] xs, double[] ys, String stroke) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < Math.min(xs.length, ys.length); i++) {
            points.append(coord(xs[i])).append(',').append(coord(ys[i])).append(' ');
        }
        return "<polyline fill=\"none\" stroke=\"" + stroke + "\" stroke-width=\"2\" points=\"" + points.toString().strip() + "\"/>";
    }

    /** A hover text (shown by browsers as a tooltip), or nothing when {@code hover} is empty. */
    public static String title(String hover) {
        return hover == null || hover.isEmpty() ? "" : "<title>" + escape(hover) + "</title>";
    }

    /** The palette colour of category {@code index}. */
    public static String categorical(int index) {
        return PALETTE.get(Math.floorMod(index, PALETTE.size()));
    }

    /**
     * A diverging colour for {@code value} against {@code scale} (the largest magnitude shown): red
     * for negative, light grey for zero, green for positive, deeper the larger the magnitude.
     */
    public static String diverging(double value, double scale) {
        double t = scale <= 0 ? 0 : Math.max(-1, Math.min(1, value / scale));
        int[] zero = {0xd8, 0xd8, 0xd8};
        int[] end = t >= 0 ? new int[] {0x1a, 0x98, 0x50} : new int[] {0xd7, 0x30, 0x27};
        double a = Math.abs(t);
        if (a > 0) {
            a = 0.35 + 0.65 * a; // a small non-zero reward still shows its sign
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", mix(zero[0], end[0], a), mix(zero[1], end[1], a), mix(zero[2], end[2], a));
    }

    private static int mix(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * t);
    }
}
