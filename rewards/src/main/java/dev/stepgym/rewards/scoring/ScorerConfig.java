package dev.stepgym.rewards.scoring;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which {@link BeliefScorer} to build and how, read from flat {@code scorer.*} settings (a scenario's
 * reward configuration or command-line properties).
 *
 * <pre>{@code
 * ScorerConfig config = ScorerConfig.parse(Map.of(
 *         "scorer.type", "openai",
 *         "scorer.base_url", "http://127.0.0.1:8000/v1",
 *         "scorer.model", "Qwen2.5-7B-Instruct",
 *         "scorer.timeout_ms", "2000"));
 * try (BeliefScorer scorer = BeliefScorers.create(config, MiniLmEmbedder::new)) { ... }
 * }</pre>
 *
 * @param type      which scorer
 * @param baseUrl   OpenAI-compatible API root, e.g. {@code http://127.0.0.1:8000/v1} (type openai)
 * @param model     model name sent to the endpoint (type openai)
 * @param apiKey    bearer token for the endpoint, or null for none
 * @param timeout   connect and request timeout of one HTTP attempt
 * @param retries   extra attempts after an I/O error, HTTP 429 or 5xx
 * @param maxBatch  most queries gathered into one request or forward pass
 * @param maxWait   how long the first query of a batch waits for company
 * @param modelDir  directory holding {@code model.onnx} and {@code tokenizer.json} (type djl)
 * @param device    {@code auto}, {@code cpu} or {@code gpu} (type djl)
 */
public record ScorerConfig(Type type, URI baseUrl, String model, String apiKey, Duration timeout, int retries,
                           int maxBatch, Duration maxWait, Path modelDir, String device) {

    /** The prefix every key of this configuration carries. */
    public static final String PREFIX = "scorer.";

    private static final Set<String> KEYS = Set.of("type", "base_url", "model", "api_key", "timeout_ms", "retries",
            "max_batch", "max_wait_ms", "model_dir", "device");
    private static final Set<String> DEVICES = Set.of("auto", "cpu", "gpu");

    /** The kinds of scorer; {@link #wireName()} is the value of {@code scorer.type}. */
    public enum Type {
        /** Embedding similarity of evidence to supporting facts: a proxy, not IGPO's p_t. */
        PROXY,
        /** An OpenAI-compatible completions endpoint (vLLM) returning prompt log-probs. */
        OPENAI,
        /** A local ONNX causal LM loaded with DJL. */
        DJL,
        /** The belief the trainer sends with each action. */
        TRAINER;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Type fromWire(String value) {
            for (Type t : values()) {
                if (t.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
            throw new IllegalArgumentException(PREFIX + "type must be one of proxy, openai, djl, trainer; got '" + value + "'");
        }
    }

    public ScorerConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(maxWait, "maxWait");
        device = device == null ? "auto" : device;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(PREFIX + "timeout_ms must be positive, got " + timeout.toMillis());
        }
        if (retries < 0) {
            throw new IllegalArgumentException(PREFIX + "retries must be zero or more, got " + retries);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException(PREFIX + "max_batch must be at least 1, got " + maxBatch);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException(PREFIX + "max_wait_ms must be zero or more, got " + maxWait.toMillis());
        }
        if (!DEVICES.contains(device)) {
            throw new IllegalArgumentException(PREFIX + "device must be auto, cpu or gpu; got '" + device + "'");
        }
        if (type == Type.OPENAI) {
            if (baseUrl == null) {
                throw new IllegalArgumentException(PREFIX + "base_url is required when " + PREFIX + "type=openai");
            }
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException(PREFIX + "model is required when " + PREFIX + "type=openai");
            }
        }
        if (type == Type.DJL && modelDir == null) {
            throw new IllegalArgumentException(PREFIX + "model_dir is required when " + PREFIX + "type=djl");
        }
    }

    /** The configuration used when nothing is set: the embedding proxy. */
    public static ScorerConfig defaults() {
        return parse(Map.of());
    }

    /**
     * Reads the {@code scorer.*} keys of {@code settings}; other keys are ignored, unknown
     * {@code scorer.*} keys are refused so a typo does not silently fall back to a default.
     *
     * @throws IllegalArgumentException naming the key whose value is missing or invalid
     */
    public static ScorerConfig parse(Map<String, String> settings) {
        Set<String> unknown = new TreeSet<>();
        for (String key : settings.keySet()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key.substring(PREFIX.length()))) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown scorer settings " + unknown + "; known: " + new TreeSet<>(KEYS));
        }
        Type type = Type.fromWire(value(settings, "type", "proxy"));
        String baseUrl = value(settings, "base_url", null);
        String modelDir = value(settings, "model_dir", null);
        return new ScorerConfig(
                type,
                baseUrl == null ? null : httpUri(baseUrl),
                value(settings, "model", null),
                value(settings, "api_key", null),
                Duration.ofMillis(longValue(settings, "timeout_ms", 10_000, 1)),
                (int) longValue(settings, "retries", 1, 0),
                (int) longValue(settings, "max_batch", 16, 1),
                Duration.ofMillis(longValue(settings, "max_wait_ms", 5, 0)),
                modelDir == null ? null : path(modelDir),
                value(settings, "device", "auto").toLowerCase(Locale.ROOT));
    }

    private static String value(Map<String, String> settings, String key, String fallback) {
        String v = settings.get(PREFIX + key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static long longValue(Map<String, String> settings, String key, long fallback, long min) {
        String v = value(settings, key, null);
        if (v == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + " must be an integer, got '" + v + "'");
        }
        if (parsed < min || parsed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(PREFIX + key + " must be between " + min + " and " + Integer.MAX_VALUE + ", got " + parsed);
        }
        return parsed;
    }

    private static URI httpUri(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException(PREFIX + "base_url must be an http(s) URL with a host, got '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(PREFIX + "base_url is not a valid URL: '" + value + "' (" + e.getReason() + ")");
        }
    }

    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(PREFIX + "model_dir is not a valid path: '" + value + "'");
        }
    }

    /** Hides the API key, so a logged configuration leaks no secret. */
    @Override
    public String toString() {
        return "ScorerConfig[type=" + type.wireName() + ", baseUrl=" + baseUrl + ", model=" + model
                + ", apiKey=" + (apiKey == null ? "none" : "***") + ", timeout=" + timeout + ", retries=" + retries
                + ", maxBatch=" + maxBatch + ", maxWait=" + maxWait + ", modelDir=" + modelDir + ", device=" + device + "]";
    }
}
