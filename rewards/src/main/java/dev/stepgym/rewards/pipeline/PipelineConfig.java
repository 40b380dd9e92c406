package dev.stepgym.rewards.pipeline;

import dev.stepgym.protocol.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reward pipeline as a user writes it (JSON):
 *
 * <pre>{@code
 * {"signals": [{"name": "information_gain", "weight": 1.0},
 *              {"name": "invalid_action", "weight": 0.1, "params": {"source": "env:searchqa"}}],
 *  "transforms": [{"name": "returns_to_go", "params": {"gamma": 0.99}}]}
 * }</pre>
 *
 * Parsing checks the shape and names the field that is wrong
 * ({@code reward_pipeline.signals[1].weight must be a finite number}); whether the names and
 * parameters exist is checked by {@link RewardPipeline#of}.
 *
 * @param signals    in the order their components appear in a step
 * @param transforms applied in order at the episode's end (trajectory transforms) or offline
 */
public record PipelineConfig(List<SignalEntry> signals, List<TransformEntry> transforms) {
    private static final Set<String> TOP = Set.of("signals", "transforms");
    private static final Set<String> SIGNAL_KEYS = Set.of("name", "weight", "params");
    private static final Set<String> TRANSFORM_KEYS = Set.of("name", "params");

    public PipelineConfig {
        signals = List.copyOf(signals);
        transforms = List.copyOf(transforms);
    }

    /**
     * One signal in a pipeline.
     *
     * @param weight null: the signal's default weight
     */
    public record SignalEntry(String name, Double weight, Map<String, Object> params) {
        public SignalEntry {
            params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /** One transform in a pipeline. */
    public record TransformEntry(String name, Map<String, Object> params) {
        public TransformEntry {
            params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /**
     * Reads a pipeline from its JSON value (maps and lists as Jackson gives them).
     *
     * @param where the field's name in errors, e.g. {@code options.reward_pipeline}
     * @throws IllegalArgumentException naming the wrong field
     */
    @SuppressWarnings("unchecked")
    public static PipelineConfig parse(Object json, String where) {
        if (!(json instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(where + " must be an object with \"signals\" (and optional \"transforms\")");
        }
        unknownKeys(top, TOP, where);
        Object rawSignals = top.get("signals");
        if (!(rawSignals instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(where + ".signals must be a non-empty list of {\"name\", \"weight\"?, \"params\"?}");
        }
        List<SignalEntry> signals = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = where + ".signals[" + i + "]";
            Map<?, ?> entry = object(list.get(i), at);
            unknownKeys(entry, SIGNAL_KEYS, at);
            String name = name(entry, at);
            Double weight = null;
            if (entry.get("weight") != null) {
                if (!(entry.get("weight") instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    throw new IllegalArgumentException(at + ".weight must be a finite number, got " + entry.get("weight"));
                }
                weight = n.doubleValue();
            }
            Map<String, Object> params = entry.get("params") == null ? Map.of() : (Map<String, Object>) object(entry.get("params"), at + ".params");
            if (signals.stream().anyMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException(at + ".name: signal \"" + name + "\" is listed twice");
            }
            signals.add(new SignalEntry(name, weight, params));
        }
        List<TransformEntry> transforms = new ArrayList<>();
        Object rawTransforms = top.get("transforms");
        if (rawTransforms != null) {
            if (!(rawTransforms instanceof List<?> tl)) {
                throw new IllegalArgumentException(where + ".transforms must be a list of {\"name\", \"params\"?}");
            }
            for (int i = 0; i < tl.size(); i++) {
                String at = where + ".transforms[" + i + "]";
                Map<?, ?> entry = object(tl.get(i), at);
                unknownKeys(entry, TRANSFORM_KEYS, at);
                Map<String, Object> params = entry.get("params") == null ? Map.of() : (Map<String, Object>) object(entry.get("params"), at + ".params");
                transforms.add(new TransformEntry(name(entry, at), params));
            }
        }
        return new PipelineConfig(signals, transforms);
    }

    /** Reads a pipeline file's text. */
    public static PipelineConfig parseJson(String text, String where) {
        Object json;
        try {
            json = Json.mapper().readValue(text, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(where + " is not JSON: " + e.getOriginalMessage(), e);
        }
        return parse(json, where);
    }

    /** The JSON value, as recorded in trajectory headers. */
    public Map<String, Object> toJson() {
        List<Object> s = new ArrayList<>();
        for (SignalEntry e : signals) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            if (e.weight() != null) {
                m.put("weight", e.weight());
            }
            if (!e.params().isEmpty()) {
                m.put("params", e.params());
            }
            s.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("signals", s);
        if (!transforms.isEmpty()) {
            List<Object> t = new ArrayList<>();
            for (TransformEntry e : transforms) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", e.name());
                if (!e.params().isEmpty()) {
                    m.put("params", e.params());
                }
                t.add(m);
            }
            out.put("transforms", t);
        }
        return out;
    }

    /** {@code sha256:…} of the canonical JSON: equal pipelines, equal digests. */
    public String digest() {
        return Json.sha256(toJson());
    }

    /** This pipeline with some signals' weights replaced (a scenario's {@code reward_weights}). */
    public PipelineConfig withWeights(Map<String, Double> weights, String where) {
        for (String name : weights.keySet()) {
            if (signals.stream().noneMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException(where + ": no signal \"" + name + "\" in the pipeline; it has "
                        + signals.stream().map(SignalEntry::name).toList());
            }
        }
        List<SignalEntry> out = new ArrayList<>();
        for (SignalEntry e : signals) {
            out.add(weights.containsKey(e.name()) ? new SignalEntry(e.name(), weights.get(e.name()), e.params()) : e);
        }
        return new PipelineConfig(out, transforms);
    }

    private static Map<?, ?> object(Object value, String at) {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(at + " must be an object, got " + (value == null ? "null" : value));
    }

    private static String name(Map<?, ?> entry, String at) {
        if (entry.get("name") instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new IllegalArgumentException(at + ".name must be a non-empty string");
    }

    private static void unknownKeys(Map<?, ?> m, Set<String> known, String at) {
        for (Object k : m.keySet()) {
            if (!known.contains(String.valueOf(k))) {
                throw new IllegalArgumentException(at + ": unknown field \"" + k + "\" (known: " + new java.util.TreeSet<>(known) + ")");
            }
        }
    }
}
