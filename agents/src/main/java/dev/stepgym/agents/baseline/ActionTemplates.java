package dev.stepgym.agents.baseline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the placeholders of templated actions ({@code search[...]}, {@code search[<query>]},
 * {@code type[{text}]}) with words taken from the observation, so a random agent produces
 * arguments that at least relate to what it sees.
 */
final class ActionTemplates {
    /** {@code ...}, {@code <name>} or {@code {name}}; a lone {@code <} as in {@code click[< prev]} is not one. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\.\\.\\.|…|<[^<>\\[\\]]*>|\\{[^{}\\[\\]]*}");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{3,}");
    private static final int MAX_WORDS = 3;

    private ActionTemplates() {
    }

    static boolean isTemplate(String action) {
        return PLACEHOLDER.matcher(action).find();
    }

    /** The action with every placeholder replaced by one to three random words from {@code words}. */
    static String fill(String action, List<String> words, SplittableRandom random) {
        Matcher matcher = PLACEHOLDER.matcher(action);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(randomPhrase(words, random)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** One to three words drawn from {@code words} ({@code item} when there are none). */
    static String randomPhrase(List<String> words, SplittableRandom random) {
        if (words.isEmpty()) {
            return "item";
        }
        int count = 1 + random.nextInt(MAX_WORDS);
        List<String> chosen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chosen.add(words.get(random.nextInt(words.size())));
        }
        return String.join(" ", chosen);
    }

    /** The distinct words (three letters or more, lower case) of {@code text}, in first-seen order. */
    static List<String> words(String text) {
        LinkedHashSet<String> words = new LinkedHashSet<>();
        if (text != null) {
            Matcher matcher = WORD.matcher(text);
            while (matcher.find()) {
                words.add(matcher.group().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(words);
    }
}
