package dev.stepgym.rewards.scoring;

import dev.stepgym.rewards.embed.TextEmbedder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double for {@link TextEmbedder}: each known text has a hand-chosen vector (normalised here),
 * so a test can compute cosines by hand. The proxy's formula is what is under test, not MiniLM.
 */
final class TableEmbedder implements TextEmbedder {
    private final Map<String, float[]> vectors = new HashMap<>();
    private final int dimension;
    final AtomicInteger calls = new AtomicInteger();

    TableEmbedder(Map<String, float[]> raw) {
        int dim = 0;
        for (Map.Entry<String, float[]> e : raw.entrySet()) {
            float[] v = e.getValue();
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            float[] unit = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                unit[i] = (float) (v[i] / Math.sqrt(norm));
            }
            vectors.put(e.getKey(), unit);
            dim = v.length;
        }
        this.dimension = dim;
    }

    @Override
    public float[][] embed(List<String> texts) {
        calls.incrementAndGet();
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            float[] v = vectors.get(texts.get(i));
            if (v == null) {
                throw new IllegalArgumentException("no vector for '" + texts.get(i) + "'");
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
        return "table";
    }

    @Override
    public void close() {
    }
}
