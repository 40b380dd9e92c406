package dev.stepgym.rewards.progress;

import dev.stepgym.rewards.embed.TextEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one step looks like to the progress model, declared and versioned ({@link #SPEC}): a model
 * trained under one spec refuses to run under another.
 *
 * <p>A signal sees a step only through its evidence (the same in a live episode and in
 * {@code replay rescore}), so the step's text is the evidence rendered as sorted
 * {@code key: value} lines: in the shop that is the page, the query, the item shown and the
 * options chosen, i.e. what the action did and what the observation shows. The text's MiniLM
 * embedding is followed by {@link #NUMERIC} numeric features.
 */
public final class ProgressFeatures {
    /** Name and version of this feature layout; stored in every model's manifest. */
    public static final String SPEC = "progress-features/v1: minilm(evidence text, 384) + [took_effect, step/20, log1p(text length)/10]";
    /** The numeric features after the embedding. */
    public static final List<String> NUMERIC = List.of("took_effect", "step_over_20", "log1p_text_length_over_10");
    /** Characters of evidence text kept (MiniLM reads at most 256 tokens anyway). */
    static final int MAX_TEXT = 1_000;
    private static final String INVALID = "invalid_action";

    private ProgressFeatures() {
    }

    /** Length of a feature vector for an embedder of this dimension. */
    public static int width(int embeddingDimension) {
        return embeddingDimension + NUMERIC.size();
    }

    /** Whether the step's action took effect: its evidence does not flag it invalid (the grounding g_t). */
    public static boolean tookEffect(Map<String, Object> evidence) {
        return !(evidence != null && Boolean.TRUE.equals(evidence.get(INVALID)));
    }

    /** The evidence as text: one {@code key: value} line per field, keys sorted, cut at {@link #MAX_TEXT}. */
    public static String text(Map<String, Object> evidence) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Object> e : new TreeMap<>(evidence == null ? Map.<String, Object>of() : evidence).entrySet()) {
            b.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            if (b.length() >= MAX_TEXT) {
                return b.substring(0, MAX_TEXT);
            }
        }
        return b.toString();
    }

    /** Feature vectors of steps (1-based step numbers in order), one embedding call for all of them. */
    public static float[][] of(List<Map<String, Object>> evidences, List<Integer> stepNumbers, TextEmbedder embedder) {
        List<String> texts = new ArrayList<>(evidences.size());
        for (Map<String, Object> e : evidences) {
            texts.add(text(e));
        }
        float[][] vectors = embedder.embed(texts);
        float[][] out = new float[evidences.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] v = new float[width(embedder.dimension())];
            System.arraycopy(vectors[i], 0, v, 0, vectors[i].length);
            int k = vectors[i].length;
            v[k] = tookEffect(evidences.get(i)) ? 1f : 0f;
            v[k + 1] = stepNumbers.get(i) / 20f;
            v[k + 2] = (float) (Math.log1p(texts.get(i).length()) / 10);
            out[i] = v;
        }
        return out;
    }
}
