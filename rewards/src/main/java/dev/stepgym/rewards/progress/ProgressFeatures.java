package dev.stepgym.rewards.progress;

import dev.stepgym.rewards.embed.TextEmbedder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * What one step looks like to the progress model, declared and versioned ({@link #SPEC}): a model
 * trained under one spec refuses to run under another.
 *
 * <p>A signal sees a step only through its evidence (the same in a live episode and in
 * {@code replay rescore}): the {@code RewardSignal} SPI passes no action or observation string,
 * so the step's text is its evidence, rendered compactly ({@link #text}): the plain fields first
 * ({@code key: value}, in the shop the page, the query, bought, invalid_action), then the nested
 * ones summarised (a map's plain entries, a list's length and first entries: the item shown, the
 * options chosen, the results). In the shop that is what the action did and what the observation
 * shows. The text's MiniLM embedding is followed by {@link #NUMERIC} numeric features.
 *
 * <p>v1 rendered every field in full, sorted by key, cut at 1,000 characters: in the shop a long
 * {@code item} pushed {@code page}, {@code query} and {@code selected} out of the text, and the
 * long texts made embedding slow. v2 keeps those fields and stays under {@link #MAX_TEXT}.
 */
public final class ProgressFeatures {
    /** Name and version of this feature layout; stored in every model's manifest. */
    public static final String SPEC = "progress-features/v2: minilm(compact evidence text, plain fields first, <= 400 chars, 384)"
            + " + [took_effect, step/20, log1p(text length)/10]";
    /** The numeric features after the embedding. */
    public static final List<String> NUMERIC = List.of("took_effect", "step_over_20", "log1p_text_length_over_10");
    /** Characters of evidence text kept (short texts embed fast; the plain fields come first). */
    static final int MAX_TEXT = 400;
    /** Characters kept of one plain value. */
    private static final int MAX_VALUE = 80;
    /** Entries shown of a list. */
    private static final int LIST_HEAD = 3;
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

    /**
     * The evidence as text: one {@code key: value} line per plain field (string, number, boolean),
     * keys sorted, then one line per nested field, keys sorted: a map as its plain entries
     * ({@code {k: v, ...}}), a list as its length and first {@value #LIST_HEAD} entries
     * ({@code [35] a, b, c}). Values are cut at {@value #MAX_VALUE} characters, the text at
     * {@link #MAX_TEXT}.
     */
    public static String text(Map<String, Object> evidence) {
        Map<String, Object> sorted = new TreeMap<>(evidence == null ? Map.<String, Object>of() : evidence);
        StringBuilder b = new StringBuilder();
        for (boolean plainPass : new boolean[] {true, false}) {
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (isPlain(e.getValue()) != plainPass) {
                    continue;
                }
                b.append(e.getKey()).append(": ").append(plainPass ? plain(e.getValue()) : summary(e.getValue())).append('\n');
                if (b.length() >= MAX_TEXT) {
                    return b.substring(0, MAX_TEXT);
                }
            }
        }
        return b.toString();
    }

    private static boolean isPlain(Object value) {
        return !(value instanceof Map<?, ?> || value instanceof Collection<?>);
    }

    private static String plain(Object value) {
        String s = String.valueOf(value);
        return s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE);
    }

    private static String summary(Object value) {
        StringJoiner j;
        if (value instanceof Map<?, ?> map) {
            j = new StringJoiner(", ", "{", "}");
            for (Map.Entry<?, ?> e : new TreeMap<>(stringKeys(map)).entrySet()) {
                if (isPlain(e.getValue())) {
                    j.add(e.getKey() + ": " + plain(e.getValue()));
                }
            }
            return j.toString();
        }
        Collection<?> list = (Collection<?>) value;
        j = new StringJoiner(", ", "[" + list.size() + "] ", "");
        int shown = 0;
        for (Object item : list) {
            if (shown++ == LIST_HEAD) {
                break;
            }
            j.add(isPlain(item) ? plain(item) : plain(summary(item)));
        }
        return j.toString();
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
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
