package dev.stepgym.envs.searchqa.retrieval;

import dev.stepgym.envs.searchqa.world.Corpus;
import dev.stepgym.envs.searchqa.world.Document;
import dev.stepgym.rewards.embed.TextEmbedder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Dense retrieval: every document ({@code title + "\n" + text}) is embedded once, at construction, in batches of
 * {@value #BATCH}; a query is embedded and compared with all of them by dot product, which is cosine similarity
 * for the unit vectors a {@link TextEmbedder} returns. Brute force: for a few thousand documents one query is a
 * few million multiply-adds, faster than building an approximate index. Equal scores are ordered by document id.
 *
 * <p>The query given to the embedder is its first {@value Retriever#MAX_QUERY_TERMS} words, at most 2,000 chars.
 * The retriever does not own the embedder: {@link #close()} leaves it open.
 *
 * <pre>{@code
 * float[][] vectors = DenseRetriever.embedDocuments(corpus, embedder);   // cacheable
 * Retriever dense = new DenseRetriever(corpus, embedder, vectors);
 * dense.search("who founded the Velmora Institute", 5);
 * }</pre>
 */
public final class DenseRetriever implements Retriever {
    public static final int BATCH = 64;

    private final List<Document> documents;
    private final TextEmbedder embedder;
    private final int dimension;
    /** Row-major: document i's vector is {@code matrix[i * dimension .. (i + 1) * dimension)}. */
    private final float[] matrix;

    /** Embeds every document of {@code corpus} now. */
    public DenseRetriever(Corpus corpus, TextEmbedder embedder) {
        this(corpus, embedder, embedDocuments(corpus, embedder));
    }

    /**
     * @param documentVectors one vector per document of {@code corpus.documents()}, in that order (as
     *                        {@link #embedDocuments} returns them); they are normalised to unit length here
     * @throws IllegalArgumentException when the count or a dimension does not match
     */
    public DenseRetriever(Corpus corpus, TextEmbedder embedder, float[][] documentVectors) {
        Objects.requireNonNull(corpus, "corpus");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        Objects.requireNonNull(documentVectors, "documentVectors");
        List<Document> docs = corpus.documents();
        if (documentVectors.length != docs.size()) {
            throw new IllegalArgumentException("corpus " + corpus.name() + " has " + docs.size() + " documents but "
                    + documentVectors.length + " vectors were given");
        }
        dimension = embedder.dimension();
        // Rows are stored in document-id order, so scanning them in order breaks score ties by id.
        Integer[] order = new Integer[docs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> docs.get(i).id()));
        documents = new ArrayList<>(docs.size());
        matrix = new float[docs.size() * dimension];
        for (int row = 0; row < order.length; row++) {
            int source = order[row];
            float[] v = documentVectors[source];
            if (v == null || v.length != dimension) {
                throw new IllegalArgumentException("vector " + source + " (document " + docs.get(source).id()
                        + ") has " + (v == null ? "no" : v.length + "") + " dimensions; the embedder "
                        + embedder.name() + " gives " + dimension);
            }
            documents.add(docs.get(source));
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
            for (int j = 0; j < dimension; j++) {
                matrix[row * dimension + j] = v[j] * scale;
            }
        }
    }

    /** One vector per document of {@code corpus.documents()}, in that order, embedded in batches of {@value #BATCH}. */
    public static float[][] embedDocuments(Corpus corpus, TextEmbedder embedder) {
        List<Document> docs = corpus.documents();
        float[][] vectors = new float[docs.size()][];
        for (int from = 0; from < docs.size(); from += BATCH) {
            int to = Math.min(docs.size(), from + BATCH);
            List<String> texts = docs.subList(from, to).stream().map(d -> d.title() + "\n" + d.text()).toList();
            float[][] batch = embedder.embed(texts);
            if (batch.length != texts.size()) {
                throw new IllegalStateException("embedder " + embedder.name() + " returned " + batch.length
                        + " vectors for " + texts.size() + " texts");
            }
            System.arraycopy(batch, 0, vectors, from, batch.length);
        }
        return vectors;
    }

    @Override
    public String name() {
        return "dense:" + embedder.name();
    }

    @Override
    public List<SearchHit> search(String query, int k) {
        if (k <= 0 || !QueryText.searchable(query) || documents.isEmpty()) {
            return List.of();
        }
        String text = QueryText.capped(query);
        float[] q = embedder.embed(List.of(text))[0];
        if (q.length != dimension) {
            throw new IllegalStateException("embedder " + embedder.name() + " returned a query vector of "
                    + q.length + " dimensions, expected " + dimension);
        }
        int limit = Math.min(k, documents.size());
        // Min-heap of the best rows so far: lowest score on top, and among equal scores the later row (larger id).
        Comparator<Scored> worstFirst = Comparator.comparingDouble(Scored::score)
                .thenComparing(Comparator.comparingInt(Scored::row).reversed());
        PriorityQueue<Scored> best = new PriorityQueue<>(limit + 1, worstFirst);
        for (int row = 0; row < documents.size(); row++) {
            float dot = 0f;
            int base = row * dimension;
            for (int j = 0; j < dimension; j++) {
                dot += matrix[base + j] * q[j];
            }
            Scored s = new Scored(row, dot);
            if (best.size() < limit) {
                best.add(s);
            } else if (worstFirst.compare(s, best.peek()) > 0) {
                best.poll();
                best.add(s);
            }
        }
        List<Scored> ranked = new ArrayList<>(best);
        ranked.sort(worstFirst.reversed());
        var terms = QueryText.terms(query, MAX_QUERY_TERMS);
        List<SearchHit> out = new ArrayList<>(ranked.size());
        for (Scored s : ranked) {
            Document d = documents.get(s.row());
            out.add(new SearchHit(d.id(), d.title(), QueryText.snippet(d.text(), terms), s.score()));
        }
        return out;
    }

    private record Scored(int row, double score) {
    }
}
