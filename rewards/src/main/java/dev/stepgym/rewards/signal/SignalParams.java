package dev.stepgym.rewards.signal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A signal's parameters: the signal's defaults, overridden by the pipeline's values. Only
 * parameters the signal declares are accepted; each getter checks the type, and every error
 * names the signal and the parameter.
 */
public final class SignalParams {
    private final String signal;
    private final Map<String, Object> values;

    private SignalParams(String signal, Map<String, Object> values) {
        this.signal = signal;
        this.values = values;
    }

    /**
     * @throws IllegalArgumentException for a parameter the signal does not declare
     */
    public static SignalParams of(RewardSignal signal, Map<String, Object> given) {
        Map<String, Object> merged = new LinkedHashMap<>(signal.defaultParams());
        if (given != null) {
            for (Map.Entry<String, Object> e : given.entrySet()) {
                if (!signal.defaultParams().containsKey(e.getKey())) {
                    throw new IllegalArgumentException("signal " + signal.name() + " has no parameter \"" + e.getKey() + "\""
                            + (signal.defaultParams().isEmpty() ? " (it takes none)" : " (known: " + new TreeSet<>(signal.defaultParams().keySet()) + ")"));
                }
                merged.put(e.getKey(), e.getValue());
            }
        }
        return new SignalParams(signal.name(), merged);
    }

    /** Every parameter in force, defaults included. */
    public Map<String, Object> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public double number(String name) {
        Object v = values.get(name);
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw bad(name, "a finite number", v);
    }

    public int integer(String name) {
        Object v = values.get(name);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw bad(name, "an integer", v);
    }

    public boolean bool(String name) {
        Object v = values.get(name);
        if (v instanceof Boolean b) {
            return b;
        }
        throw bad(name, "true or false", v);
    }

    public String string(String name) {
        Object v = values.get(name);
        if (v instanceof String s) {
            return s;
        }
        throw bad(name, "a string", v);
    }

    private IllegalArgumentException bad(String name, String expected, Object got) {
        return new IllegalArgumentException("signal " + signal + ": parameter \"" + name + "\" must be " + expected + ", got "
                + (got == null ? "nothing" : got));
    }
}
