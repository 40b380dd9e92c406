package dev.stepgym.rewards.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers texts whose vectors were computed ahead of time (an environment's corpus: documents,
 * their snippets, gold passages) without a forward pass, and sends only the other texts of a call
 * to the wrapped embedder, together, in one call. Unlike {@link CachingEmbedder} nothing pinned is
 * ever evicted, so a step that shows corpus texts never waits for the model. Callers get copies.
 *
 * <p>The wrapped embedder stays the caller's: {@link #close()} forgets the pinned vectors only.
 *
 * <pre>{@code
 * PinnedEmbedder pinned = new PinnedEmbedder(batchedModel);
 * pinned.pin(corpusTexts, corpusVectors);                 // once, e.g. read from the on-disk cache
 * float[][] v = pinned.embed(List.of("a corpus text", "a free-form query"));   // only the query runs
 * }</pre>
 */
public final class PinnedEmbedder implements TextEmbedder {
    private final TextEmbedder delegate;
    private final Map<String, float[]> pinned = new ConcurrentHashMap<>();

    /** @param delegate embedder asked for texts not pinned; not closed by this wrapper */
    public PinnedEmbedder(TextEmbedder delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * Keeps {@code vectors[i]} as the vector of {@code texts.get(i)} for the life of this embedder.
     *
     * @throws IllegalArgumentException when the counts or a vector's dimension do not match
     */
    public void pin(List<String> texts, float[][] vectors) {
        if (texts.size() != vectors.length) {
            throw new IllegalArgumentException(texts.size() + " texts but " + vectors.length + " vectors");
        }
        for (int i = 0; i < vectors.length; i++) {
            if (texts.get(i) == null || vectors[i] == null || vectors[i].length != dimension()) {
                throw new IllegalArgumentException("text " + i + " has no text or no vector of " + dimension() + " dimensions");
            }
        }
        for (int i = 0; i < vectors.length; i++) {
            pinned.put(texts.get(i), vectors[i].clone());
        }
    }

    /** Texts pinned now. */
    public int size() {
        return pinned.size();
    }

    @Override
    public float[][] embed(List<String> texts) {
        if (texts == null) {
            throw new IllegalArgumentException("texts must not be null");
        }
        float[][] vectors = new float[texts.size()][];
        List<String> missing = new ArrayList<>();
        List<Integer> places = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null) {
                throw new IllegalArgumentException("text " + i + " is null");
            }
            float[] known = pinned.get(text);
            if (known != null) {
                vectors[i] = known.clone();
            } else {
                missing.add(text);
                places.add(i);
            }
        }
        if (!missing.isEmpty()) {
            float[][] computed = delegate.embed(missing);
            if (computed.length != missing.size()) {
                throw new IllegalStateException("embedder " + delegate.name() + " returned " + computed.length
                        + " vectors for " + missing.size() + " texts");
            }
            for (int m = 0; m < computed.length; m++) {
                vectors[places.get(m)] = computed[m];
            }
        }
        return vectors;
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** Forgets the pinned vectors; the delegate stays open. */
    @Override
    public void close() {
        pinned.clear();
    }
}
