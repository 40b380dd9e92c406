package dev.stepgym.envs.searchqa.retrieval;

import dev.stepgym.rewards.embed.TextEmbedder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic stand-in for a sentence model: word counts, L2-normalised. Either over a fixed vocabulary
 * (one dimension per word, others ignored: cosines can be worked out by hand) or hashed into a fixed number of
 * buckets (any text). Records every batch it is given.
 */
final class BagOfWordsEmbedder implements TextEmbedder {
    private final List<String> vocabulary;
    private final int dimension;
    final List<List<String>> batches = new ArrayList<>();
    boolean closed;

    private BagOfWordsEmbedder(List<String> vocabulary, int dimension) {
        this.vocabulary = vocabulary;
        this.dimension = dimension;
    }

    static BagOfWordsEmbedder vocabulary(String... words) {
        return new BagOfWordsEmbedder(List.of(words), words.length);
    }

    static BagOfWordsEmbedder hashing(int dimension) {
        return new BagOfWordsEmbedder(null, dimension);
    }

    @Override
    public synchronized float[][] embed(List<String> texts) {
        batches.add(List.copyOf(texts));
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            float[] v = new float[dimension];
            for (String word : texts.get(i).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (word.isEmpty()) {
                    continue;
                }
                int slot = vocabulary != null ? vocabulary.indexOf(word) : Math.floorMod(word.hashCode(), dimension);
                if (slot >= 0) {
                    v[slot]++;
                }
            }
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            for (int j = 0; j < dimension && norm > 0; j++) {
                v[j] /= (float) Math.sqrt(norm);
            }
            out[i] = v;
        }
        return out;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String name() {
        return vocabulary != null ? "bow-vocabulary" : "bow-hashing-" + dimension;
    }

    @Override
    public void close() {
        closed = true;
    }
}
