package dev.stepgym.envs.searchqa.retrieval;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Query and snippet text handling shared by the retrievers. Terms are what Lucene's {@link EnglishAnalyzer}
 * makes of a text (lower-cased, stop words dropped, Porter-stemmed), so "founded" in a query meets "founded" and
 * "founding" in a sentence.
 */
final class QueryText {
    /** Thread-safe: Lucene analyzers keep their token streams per thread. */
    static final Analyzer ANALYZER = new EnglishAnalyzer();
    /** Longest query text handed to an embedder, whatever its word count. */
    static final int MAX_DENSE_QUERY_CHARS = 2_000;

    private QueryText() {
    }

    /** A query worth running: it has at least one letter or digit. */
    static boolean searchable(String query) {
        return query != null && query.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /** The distinct terms among the first {@code max} analysed tokens of {@code text}, in order. */
    static Set<String> terms(String text, int max) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = ANALYZER.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            for (int tokens = 0; tokens < max && stream.incrementToken(); tokens++) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyse text", e);
        }
        return terms;
    }

    /** The query as an embedder sees it: its first {@link Retriever#MAX_QUERY_TERMS} words, at most 2,000 chars. */
    static String capped(String query) {
        String[] words = query.strip().split("\\s+", Retriever.MAX_QUERY_TERMS + 1);
        String joined = String.join(" ", Arrays.asList(words).subList(0, Math.min(words.length, Retriever.MAX_QUERY_TERMS)));
        return clip(joined, MAX_DENSE_QUERY_CHARS);
    }

    /**
     * The sentence of {@code text} sharing the most {@code queryTerms} (ties: the earliest), whitespace
     * collapsed and cut to {@link SearchHit#MAX_SNIPPET_CHARS} at a word boundary.
     */
    static String snippet(String text, Collection<String> queryTerms) {
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(text);
        String best = "";
        int bestOverlap = -1;
        for (int start = sentences.first(), end = sentences.next(); end != BreakIterator.DONE;
             start = end, end = sentences.next()) {
            String sentence = text.substring(start, end);
            if (sentence.isBlank()) {
                continue;
            }
            Set<String> words = new HashSet<>(terms(sentence, Integer.MAX_VALUE));
            int overlap = 0;
            for (String term : queryTerms) {
                if (words.contains(term)) {
                    overlap++;
                }
            }
            if (overlap > bestOverlap) {
                best = sentence;
                bestOverlap = overlap;
            }
        }
        return clip(best.strip().replaceAll("\\s+", " "), SearchHit.MAX_SNIPPET_CHARS);
    }

    /** Every snippet {@link #snippet} can return for {@code text}, whatever the query: one per sentence. */
    static java.util.List<String> snippets(String text) {
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(text);
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int start = sentences.first(), end = sentences.next(); end != BreakIterator.DONE;
             start = end, end = sentences.next()) {
            String sentence = text.substring(start, end);
            if (!sentence.isBlank()) {
                out.add(clip(sentence.strip().replaceAll("\\s+", " "), SearchHit.MAX_SNIPPET_CHARS));
            }
        }
        if (out.isEmpty()) {
            out.add("");
        }
        return out;
    }

    /** {@code text} cut to at most {@code max} chars after its last whole word; a single longer word is cut. */
    static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max);
        if (cut <= 0) {
            cut = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        }
        return text.substring(0, cut).strip();
    }
}
