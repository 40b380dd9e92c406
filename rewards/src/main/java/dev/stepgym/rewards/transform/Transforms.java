package dev.stepgym.rewards.transform;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** Every {@link CreditTransform} on the class path, by name. */
public final class Transforms {
    private static final class Holder {
        static final Map<String, CreditTransform> ALL = discover();
    }

    private Transforms() {
    }

    /**
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static CreditTransform byName(String name) {
        CreditTransform transform = Holder.ALL.get(name);
        if (transform == null) {
            throw new IllegalArgumentException("unknown transform \"" + name + "\"; known: " + Holder.ALL.keySet());
        }
        return transform;
    }

    /** Sorted names. */
    public static Set<String> names() {
        return Holder.ALL.keySet();
    }

    /**
     * Finds a transform, checks the parameters and applies it.
     *
     * @param params the caller's parameters (null or empty for the defaults)
     * @throws IllegalArgumentException for an unknown transform, bad parameters or bad input
     */
    public static TransformResult apply(String name, TrajectoryGroup group, Map<String, ?> params) {
        CreditTransform transform = byName(name);
        return transform.apply(group, TransformParams.of(transform, params));
    }

    /** {@link #apply(String, TrajectoryGroup, Map)} over a list of trajectories. */
    public static TransformResult apply(String name, List<TrajectoryRewards> group, Map<String, ?> params) {
        return apply(name, new TrajectoryGroup(group), params);
    }

    private static Map<String, CreditTransform> discover() {
        Map<String, CreditTransform> found = new TreeMap<>();
        for (CreditTransform transform : ServiceLoader.load(CreditTransform.class, Transforms.class.getClassLoader())) {
            CreditTransform previous = found.put(transform.name(), transform);
            if (previous != null) {
                throw new IllegalStateException("two transforms are named " + transform.name() + ": "
                        + previous.getClass().getName() + " and " + transform.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(found);
    }
}
