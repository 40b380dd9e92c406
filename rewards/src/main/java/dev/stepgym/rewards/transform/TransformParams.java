package dev.stepgym.rewards.transform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A transform's parameters: its defaults overridden by the caller's values. Only declared names are
 * accepted, required ones must be present, and each getter checks type and range; every error reads
 * {@code transform grpo: parameter "epsilon" must be a number > 0, got "x"}.
 */
public final class TransformParams {
    private final String transform;
    private final Map<String, Object> values;

    private TransformParams(String transform, Map<String, Object> values) {
        this.transform = transform;
        this.values = values;
    }

    /**
     * @param given the caller's values, or null for none
     * @throws IllegalArgumentException for an undeclared or a missing required parameter
     */
    public static TransformParams of(CreditTransform transform, Map<String, ?> given) {
        Map<String, Object> merged = new LinkedHashMap<>(transform.defaultParams());
        TreeSet<String> known = new TreeSet<>(transform.defaultParams().keySet());
        known.addAll(transform.requiredParams());
        if (given != null) {
            for (Map.Entry<String, ?> e : given.entrySet()) {
                if (!known.contains(e.getKey())) {
                    throw new IllegalArgumentException("transform " + transform.name() + " has no parameter \"" + e.getKey() + "\""
                            + (known.isEmpty() ? " (it takes none)" : " (known: " + known + ")"));
                }
                merged.put(e.getKey(), e.getValue());
            }
        }
        for (String name : new TreeSet<>(transform.requiredParams())) {
            if (merged.get(name) == null) {
                throw new IllegalArgumentException("transform " + transform.name() + ": parameter \"" + name + "\" is required");
            }
        }
        return new TransformParams(transform.name(), merged);
    }

    /** The transform these parameters are for. */
    public String transform() {
        return transform;
    }

    /** Every parameter in force, defaults included. */
    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    /** A finite number. */
    public double number(String name) {
        Object v = values.get(name);
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw mustBe(name, "a finite number");
    }

    /** A finite number {@code > 0}. */
    public double positive(String name) {
        Object v = values.get(name);
        if (v instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() > 0) {
            return n.doubleValue();
        }
        throw mustBe(name, "a number > 0");
    }

    /** A number in {@code [0, 1]}, e.g. a discount factor. */
    public double unitInterval(String name) {
        Object v = values.get(name);
        if (v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1) {
            return n.doubleValue();
        }
        throw mustBe(name, "a number in [0, 1]");
    }

    public boolean bool(String name) {
        Object v = values.get(name);
        if (v instanceof Boolean b) {
            return b;
        }
        throw mustBe(name, "true or false");
    }

    /** One of {@code choices}. */
    public String oneOf(String name, List<String> choices) {
        Object v = values.get(name);
        if (v instanceof String s && choices.contains(s)) {
            return s;
        }
        throw mustBe(name, "one of " + choices);
    }

    /** The value as given, for a structured parameter the transform checks itself. */
    public Object raw(String name) {
        return values.get(name);
    }

    /** {@code transform T: parameter "name" must be <expected>, got <value>}. */
    public IllegalArgumentException mustBe(String name, String expected) {
        return problem(name, "must be " + expected + ", got " + shown(values.get(name)));
    }

    /** {@code transform T: parameter "name" <problem>}. */
    public IllegalArgumentException problem(String name, String problem) {
        return new IllegalArgumentException("transform " + transform + ": parameter \"" + name + "\" " + problem);
    }

    private static String shown(Object value) {
        if (value == null) {
            return "nothing";
        }
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
