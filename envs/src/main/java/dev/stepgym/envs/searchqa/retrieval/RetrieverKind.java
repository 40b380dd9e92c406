package dev.stepgym.envs.searchqa.retrieval;

import dev.stepgym.envs.searchqa.world.Corpus;
import dev.stepgym.rewards.embed.TextEmbedder;

import java.util.Arrays;
import java.util.Locale;

/**
 * The retrievers an environment can be configured with.
 *
 * <pre>{@code Retriever r = RetrieverKind.parse("hybrid").open(corpus, embedder);}</pre>
 */
public enum RetrieverKind {
    BM25, DENSE, HYBRID;

    /** The lower-case name used in options and configuration. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether {@link #open} needs a {@link TextEmbedder}. */
    public boolean needsEmbedder() {
        return this != BM25;
    }

    /**
     * Builds this kind of retriever over {@code corpus}. The retriever does not own {@code embedder}: closing it
     * leaves the embedder open for others.
     *
     * @param embedder required for DENSE and HYBRID, ignored (may be null) for BM25
     */
    public Retriever open(Corpus corpus, TextEmbedder embedder) {
        if (needsEmbedder() && embedder == null) {
            throw new IllegalArgumentException("the " + id() + " retriever needs a text embedder");
        }
        return switch (this) {
            case BM25 -> new Bm25Retriever(corpus);
            case DENSE -> new DenseRetriever(corpus, embedder);
            case HYBRID -> new HybridRetriever(new Bm25Retriever(corpus), new DenseRetriever(corpus, embedder));
        };
    }

    /** {@code "bm25"}, {@code "dense"} or {@code "hybrid"}, any case, surrounding blanks ignored. */
    public static RetrieverKind parse(String value) {
        if (value != null) {
            String wanted = value.strip().toLowerCase(Locale.ROOT);
            for (RetrieverKind kind : values()) {
                if (kind.id().equals(wanted)) {
                    return kind;
                }
            }
        }
        throw new IllegalArgumentException("unknown retriever '" + value + "'; expected one of "
                + Arrays.stream(values()).map(RetrieverKind::id).toList());
    }
}
