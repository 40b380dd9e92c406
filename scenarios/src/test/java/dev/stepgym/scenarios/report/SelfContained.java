package dev.stepgym.scenarios.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Checks for report pages that must open with nothing but themselves. */
public final class SelfContained {
    /** Anything that would make the page load something: a URL, a src/href, a stylesheet link, a script, a CSS import. */
    static final Pattern EXTERNAL = Pattern.compile(
            "(?i)(https?:|\\bfile:|//[a-z0-9.-]+\\.[a-z]{2,}/|\\bsrc\\s*=|\\bhref\\s*=|url\\s*\\(|@import|<link|<script|<img|<iframe|<object|<embed)");

    private SelfContained() {
    }

    /** Fails, quoting the place, when {@code html} refers to anything outside itself. */
    public static void assertSelfContained(String html) {
        Matcher external = EXTERNAL.matcher(html);
        assertFalse(external.find(), () -> "the report refers to something outside itself: \""
                + html.substring(Math.max(0, external.start() - 60), Math.min(html.length(), external.end() + 60)) + "\"");
    }

    /** How often {@code part} occurs in {@code text}. */
    public static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
