package dev.stepgym.rewards.webshop;

import java.util.List;

/**
 * WebShop's {@code normalize_color}: the first of 102 colour words (alphabetical, order matters)
 * found in a value replaces it. A plain string is searched by substring (case-sensitive); an
 * {@code (option name, value)} pair, as synthetic dict goals give, by equality with either part,
 * and otherwise stays a pair, rendered as Python's {@code str(tuple)} (so the option name becomes an
 * extra token for the fuzzy scorer).
 */
public final class ColorNormalizer {
    /** The colour list of WebShop's normalize.py, in its order. */
    public static final List<String> COLORS = List.of((
            "alabaster apricot aqua ash asphalt azure banana beige black blue blush bordeaux bronze brown "
                    + "burgundy camel camo caramel champagne charcoal cheetah chestnut chocolate christmas coffee "
                    + "cognac copper coral cranberry cream crystal dark denim eggplant elephant espresso fuchsia gold "
                    + "granite grape graphite grass gray green grey heather indigo ivory ivy khaki lavender lemon "
                    + "leopard light lilac lime magenta maroon mauve merlot midnight mint mocha multicolor mushroom "
                    + "mustard natural navy nude olive orange peach pewter pink plum purple rainbow red rose royal "
                    + "rust sand sapphire seashell silver skull slate steel stone stonewash sunflower tan taupe teal "
                    + "tiger turquoise violet walnut wheat white wine yellow").split(" "));

    private ColorNormalizer() {
    }

    /** A chosen option value: the first colour word that is a substring of it, else the value itself. */
    public static String normalize(String value) {
        for (String color : COLORS) {
            if (value.contains(color)) {
                return color;
            }
        }
        return value;
    }

    /** A dict-goal pair: the first colour word equal to the name or the value, else {@code str((name, value))}. */
    public static String normalizePair(String name, String value) {
        for (String color : COLORS) {
            if (color.equals(name) || color.equals(value)) {
                return color;
            }
        }
        return "(" + pythonRepr(name) + ", " + pythonRepr(value) + ")";
    }

    /** Python's repr of a str, enough for the tokens the fuzzy scorer sees. */
    static String pythonRepr(String s) {
        char quote = s.contains("'") && !s.contains("\"") ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == quote) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append(quote).toString();
    }
}
