package dev.stepgym.envs.shop.webshop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The nouns of a WebShop title without a POS tagger (WebShop uses spaCy): a documented heuristic.
 * The title is lower-cased and split on anything but letters, digits, {@code '} and {@code -};
 * a trailing {@code 's} is dropped ({@code men's → men}, as spaCy splits it off); a token is kept
 * when it has a letter, no digit, at least two characters, and is neither a function word nor one
 * of a short list of common product adjectives and basic colour words. Repeats are kept, since
 * title_score divides by the length of the list.
 */
public final class TitleNouns {
    private static final Set<String> SKIP = Set.of(
            // function words
            "a", "an", "the", "and", "or", "for", "with", "of", "in", "on", "to", "by", "from", "at", "as", "is",
            "are", "be", "this", "that", "these", "those", "it", "its", "your", "our", "my", "his", "her", "their",
            "you", "we", "up", "out", "into", "over", "under", "per", "x", "&",
            // frequent product adjectives
            "new", "premium", "best", "great", "high", "quality", "large", "small", "medium", "big", "mini",
            "extra", "super", "soft", "hard", "light", "heavy", "long", "short", "wide", "slim", "thin", "thick",
            "warm", "cool", "hot", "cold", "natural", "organic", "fresh", "pure", "professional", "portable",
            "compact", "adjustable", "waterproof", "durable", "lightweight", "comfortable", "cute", "classic",
            "modern", "vintage", "casual", "elegant", "stylish", "multi", "multiple", "free", "non", "anti", "ultra",
            "deluxe", "universal", "original", "perfect", "wireless", "electric", "automatic", "rechargeable",
            "reusable", "disposable", "stainless", "full", "double", "single", "all", "easy", "fit",
            // basic colour words (adjectives in titles)
            "black", "white", "red", "blue", "green", "yellow", "pink", "purple", "grey", "gray", "brown",
            "orange", "beige", "navy");

    private TitleNouns() {
    }

    public static List<String> of(String title) {
        List<String> nouns = new ArrayList<>();
        if (title == null) {
            return nouns;
        }
        for (String raw : title.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}'\\-]+")) {
            String token = raw.replaceAll("^['\\-]+|['\\-]+$", "");
            if (token.endsWith("'s")) {
                token = token.substring(0, token.length() - 2);
            }
            if (token.length() < 2 || SKIP.contains(token) || token.chars().anyMatch(Character::isDigit)
                    || token.chars().noneMatch(Character::isLetter)) {
                continue;
            }
            nouns.add(token);
        }
        return nouns;
    }
}
