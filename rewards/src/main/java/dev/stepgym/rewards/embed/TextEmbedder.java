package dev.stepgym.rewards.embed;

import java.util.List;

/**
 * Turns texts into unit-length sentence vectors, so a dot product is a cosine similarity.
 * Implementations are thread-safe; one instance is shared by every episode of an environment.
 */
public interface TextEmbedder extends AutoCloseable {

    /** One L2-normalised vector per text, in the order given. An empty list gives an empty array. */
    float[][] embed(List<String> texts);

    /** Length of every vector this embedder returns. */
    int dimension();

    /** Names the model, e.g. {@code all-MiniLM-L6-v2-q}; used as a reward component's source. */
    String name();

    @Override
    void close();
}
