package dev.stepgym.envs.searchqa.retrieval;

/**
 * One search result.
 *
 * <pre>{@code new SearchHit("d00042", "Velmora Institute", "It was founded in 1921 by Adra Kessel.", 12.7)}</pre>
 *
 * @param snippet the document sentence sharing the most query terms (ties: the earliest), cut to at most
 *                {@value #MAX_SNIPPET_CHARS} characters at a word boundary; deterministic
 * @param score   the retriever's score: BM25, cosine similarity, or reciprocal-rank fusion; higher is better
 */
public record SearchHit(String documentId, String title, String snippet, double score) {
    /** Longest snippet, in chars. */
    public static final int MAX_SNIPPET_CHARS = 200;

    /**
     * Every snippet a hit on a document with this text can show, whatever the query (one per
     * sentence), so the texts a search step reports can be embedded ahead of time.
     */
    public static java.util.List<String> possibleSnippets(String documentText) {
        return QueryText.snippets(documentText);
    }
}
