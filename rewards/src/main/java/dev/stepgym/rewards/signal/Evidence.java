package dev.stepgym.rewards.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A typed, read-only view of one JSON object of evidence (a step's, or an episode's context), as
 * one signal reads it: a field that is missing or has the wrong type is a
 * {@link MissingEvidenceException} naming the signal and the field.
 *
 * <pre>{@code
 * Evidence step = Evidence.of("information_gain", "evidence", stepMap);
 * List<String> docs = step.strings("retrieved_docs");
 * boolean invalid = step.flag("invalid_action");   // absent: false
 * }</pre>
 */
public final class Evidence {
    private final String signal;
    private final String where;
    private final Map<String, Object> fields;

    private Evidence(String signal, String where, Map<String, Object> fields) {
        this.signal = signal;
        this.where = where;
        this.fields = fields == null ? Map.of() : fields;
    }

    /**
     * @param signal the signal reading it (named in errors)
     * @param where  what it is, for errors: {@code "evidence"}, {@code "context"}
     */
    public static Evidence of(String signal, String where, Map<String, Object> fields) {
        return new Evidence(signal, where, fields);
    }

    /** The same fields as another signal reads them. */
    public Evidence as(String otherSignal) {
        return new Evidence(otherSignal, where, fields);
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public boolean has(String field) {
        return fields.get(field) != null;
    }

    /** A boolean flag; absent means false. */
    public boolean flag(String field) {
        Object v = fields.get(field);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrong(field, "a boolean", v);
    }

    public Object raw(String field) {
        Object v = fields.get(field);
        if (v == null) {
            throw missing(field);
        }
        return v;
    }

    public String string(String field) {
        Object v = raw(field);
        if (v instanceof String s) {
            return s;
        }
        throw wrong(field, "a string", v);
    }

    public Optional<String> optString(String field) {
        return has(field) ? Optional.of(string(field)) : Optional.empty();
    }

    public double number(String field) {
        Object v = raw(field);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrong(field, "a number", v);
    }

    public long integer(String field) {
        Object v = raw(field);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw wrong(field, "an integer", v);
    }

    public List<?> list(String field) {
        Object v = raw(field);
        if (v instanceof List<?> l) {
            return l;
        }
        throw wrong(field, "a list", v);
    }

    public List<String> strings(String field) {
        List<String> out = new ArrayList<>();
        for (Object o : list(field)) {
            if (!(o instanceof String s)) {
                throw wrong(field, "a list of strings", o);
            }
            out.add(s);
        }
        return out;
    }

    public List<Double> numbers(String field) {
        List<Double> out = new ArrayList<>();
        for (Object o : list(field)) {
            if (!(o instanceof Number n)) {
                throw wrong(field, "a list of numbers", o);
            }
            out.add(n.doubleValue());
        }
        return out;
    }

    /** A nested object, read by the same signal. */
    @SuppressWarnings("unchecked")
    public Evidence object(String field) {
        Object v = raw(field);
        if (v instanceof Map<?, ?> m) {
            return new Evidence(signal, where + "." + field, (Map<String, Object>) m);
        }
        throw wrong(field, "an object", v);
    }

    /** A list of nested objects. */
    @SuppressWarnings("unchecked")
    public List<Evidence> objects(String field) {
        List<Evidence> out = new ArrayList<>();
        List<?> l = list(field);
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof Map<?, ?> m)) {
                throw wrong(field, "a list of objects", l.get(i));
            }
            out.add(new Evidence(signal, where + "." + field + "[" + i + "]", (Map<String, Object>) m));
        }
        return out;
    }

    private MissingEvidenceException missing(String field) {
        return new MissingEvidenceException(signal, field, "needs " + where + " field \"" + field + "\", which is missing");
    }

    private MissingEvidenceException wrong(String field, String expected, Object got) {
        return new MissingEvidenceException(signal, field, where + " field \"" + field + "\" must be " + expected
                + ", got " + (got == null ? "null" : got.getClass().getSimpleName() + " " + abbreviate(String.valueOf(got))));
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    @Override
    public String toString() {
        return where + fields;
    }
}
