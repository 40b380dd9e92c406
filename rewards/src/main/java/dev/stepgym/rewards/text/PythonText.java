package dev.stepgym.rewards.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few Python 3 {@code str} operations the reference reward code relies on, with Python's
 * character classes rather than Java's: they differ at the edges (Java's {@link String#strip()}
 * keeps U+00A0 and U+0085, Java's {@code \w} accepts combining marks but not {@code '½'}), and a
 * reward that disagrees with its reference on such text is a silent bug.
 *
 * <pre>{@code
 * PythonText.split("  Paris\u00a0France ")   // ["Paris", "France"], like "  Paris\xa0France ".split()
 * PythonText.isWordChar('½')                 // true: Python's re \w includes numeric characters
 * }</pre>
 */
public final class PythonText {
    /** Python's {@code string.punctuation}: the 32 ASCII punctuation characters. */
    public static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private PythonText() {
    }

    /**
     * {@code str.isspace()} (also what {@code re}'s {@code \s} and argument-less {@code split()} /
     * {@code strip()} use): Unicode White_Space plus the ASCII separators U+001C..U+001F.
     */
    public static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint)
                || codePoint == 0x00A0 || codePoint == 0x0085 || codePoint == 0x2007 || codePoint == 0x202F;
    }

    /**
     * Python {@code re}'s Unicode {@code \w}: {@code str.isalnum()} or underscore, i.e. letters
     * (Lu, Ll, Lt, Lm, Lo) and numbers (Nd, Nl, No). Combining marks are not word characters.
     */
    public static boolean isWordChar(int codePoint) {
        if (codePoint == '_' || Character.isLetter(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** Whether {@code codePoint} is in {@link #PUNCTUATION}. */
    public static boolean isPunctuation(int codePoint) {
        return codePoint < 128 && PUNCTUATION.indexOf(codePoint) >= 0;
    }

    /** {@code str.lower()}; the root locale keeps Turkish and other locale rules out. */
    public static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** Argument-less {@code str.split()}: runs of Python whitespace separate tokens, no empty tokens. */
    public static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isSpace(cp)) {
                if (start >= 0) {
                    tokens.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            tokens.add(text.substring(start));
        }
        return tokens;
    }

    /** {@code " ".join(text.split())}: whitespace runs collapsed to one space, ends trimmed. */
    public static String collapseWhitespace(String text) {
        return String.join(" ", split(text));
    }

    /** Argument-less {@code str.strip()}. */
    public static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end) {
            int cp = text.codePointAt(start);
            if (!isSpace(cp)) {
                break;
            }
            start += Character.charCount(cp);
        }
        while (end > start) {
            int cp = text.codePointBefore(end);
            if (!isSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return text.substring(start, end);
    }
}
