package dev.stepgym.envs.searchqa.world;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Invented words built from syllables, for names no language model has seen. Every root is new in the
 * world <em>after English stemming</em> (so "Dravo" and "Dravos" never both exist): a query term then
 * points at one entity, and an answer string never hides inside another entity's name.
 */
final class Names {
    private static final String[] ONSETS = {"b", "br", "d", "dr", "f", "g", "gr", "h", "k", "kr", "l", "m", "n",
            "p", "r", "s", "st", "t", "th", "v", "z", "sh", "j", "c", "tr", "w", "y"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "a", "e", "o", "ai", "ou"};
    private static final String[] CODAS = {"", "", "", "n", "r", "l", "m", "s", "th", "nd", "rk", "v", "x"};
    private static final int ATTEMPTS = 10_000;

    private final SplittableRandom random;
    private final Set<String> usedStems = new HashSet<>();
    private final Analyzer analyzer = new EnglishAnalyzer();

    Names(SplittableRandom random) {
        this.random = random;
    }

    /** A new capitalised word of {@code minSyllables}..{@code maxSyllables} syllables, then {@code ending}. */
    String root(int minSyllables, int maxSyllables, String ending) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int syllables = minSyllables + random.nextInt(maxSyllables - minSyllables + 1);
            StringBuilder word = new StringBuilder();
            for (int s = 0; s < syllables; s++) {
                word.append(pick(ONSETS)).append(pick(VOWELS));
                if (s == syllables - 1 || random.nextInt(5) == 0) {
                    word.append(pick(CODAS));
                }
            }
            word.append(ending);
            String candidate = capitalise(word.toString());
            if (candidate.length() >= 4 && claim(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("ran out of invented names after " + ATTEMPTS + " attempts");
    }

    /** Marks every word of {@code text} as taken, so no invented name collides with template wording. */
    void reserve(String text) {
        usedStems.addAll(stems(text));
    }

    /** A new word with an ending picked from {@code endings}. */
    String root(int minSyllables, int maxSyllables, List<String> endings) {
        return root(minSyllables, maxSyllables, endings.get(random.nextInt(endings.size())));
    }

    /**
     * Reserves {@code phrase} if no earlier phrase had the same stemmed words ("The Silent Harbour" and
     * "Silent Harbours" are one phrase); for work titles made of English words, where only the whole title
     * must be new.
     */
    boolean claimPhrase(String phrase) {
        return usedStems.add("phrase:" + String.join(" ", stems(phrase)));
    }

    private boolean claim(String word) {
        List<String> stems = stems(word);
        if (stems.size() != 1 || usedStems.contains(stems.get(0))) {
            return false;
        }
        usedStems.add(stems.get(0));
        return true;
    }

    private List<String> stems(String text) {
        List<String> out = new java.util.ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    static String capitalise(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}
