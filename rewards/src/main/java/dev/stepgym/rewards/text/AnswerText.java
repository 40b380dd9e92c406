package dev.stepgym.rewards.text;

import java.util.Set;

/**
 * The two answer normalisations in use, kept apart because they give different tokens.
 *
 * <ul>
 *   <li>{@link #normalize}: SQuAD's {@code normalize_answer}, used by StepSearch: lower-case, delete
 *       every {@link PythonText#PUNCTUATION} character, blank the articles {@code a|an|the} as whole
 *       words, collapse whitespace. Deleting punctuation glues words: {@code "U.S.A."} becomes
 *       {@code "usa"}.</li>
 *   <li>{@link #igpoNormalize}: IGPO's {@code preprocess_text} applied to lower-cased text: every
 *       punctuation character becomes a space, whitespace is collapsed, articles stay:
 *       {@code "U.S.A."} becomes {@code "u s a"}.</li>
 * </ul>
 *
 * <pre>{@code
 * AnswerText.normalize("The  Eiffel-Tower!")      // "eiffeltower"
 * AnswerText.igpoNormalize("The  Eiffel-Tower!")  // "the eiffel tower"
 * }</pre>
 */
public final class AnswerText {
    private static final Set<String> ARTICLES = Set.of("a", "an", "the");

    private AnswerText() {
    }

    /** SQuAD / StepSearch {@code normalize_answer}. */
    public static String normalize(String text) {
        requireText(text);
        String lowered = PythonText.lower(text);
        StringBuilder noPunctuation = new StringBuilder(lowered.length());
        lowered.codePoints().filter(cp -> !PythonText.isPunctuation(cp)).forEach(noPunctuation::appendCodePoint);
        return PythonText.collapseWhitespace(blankArticles(noPunctuation.toString()));
    }

    /** IGPO {@code preprocess_text(text.lower())}: punctuation to spaces, whitespace collapsed and stripped. */
    public static String igpoNormalize(String text) {
        requireText(text);
        StringBuilder spaced = new StringBuilder(text.length());
        PythonText.lower(text).codePoints()
                .map(cp -> PythonText.isPunctuation(cp) ? ' ' : cp)
                .forEach(spaced::appendCodePoint);
        return PythonText.collapseWhitespace(spaced.toString());
    }

    /**
     * {@code re.sub(r"\b(a|an|the)\b", " ", text)}. Under {@code \b} an article matches exactly when it
     * is a whole maximal run of word characters, so the run scan below is the same substitution.
     */
    private static String blankArticles(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!PythonText.isWordChar(cp)) {
                out.appendCodePoint(cp);
                i += Character.charCount(cp);
                continue;
            }
            int end = i;
            while (end < text.length() && PythonText.isWordChar(text.codePointAt(end))) {
                end += Character.charCount(text.codePointAt(end));
            }
            String word = text.substring(i, end);
            out.append(ARTICLES.contains(word) ? " " : word);
            i = end;
        }
        return out.toString();
    }

    static void requireText(String text) {
        if (text == null) {
            throw new IllegalArgumentException("answer text must not be null");
        }
    }
}
