package dev.stepgym.rewards.signal;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** Every {@link RewardSignal} on the class path, by name. */
public final class Signals {
    private static final class Holder {
        static final Map<String, RewardSignal> ALL = discover();
    }

    private Signals() {}

    /**
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static RewardSignal byName(String name) {
        RewardSignal signal = Holder.ALL.get(name);
        if (signal == null) {
            throw new IllegalArgumentException("unknown reward signal \"" + name + "\"; known: " + Holder.ALL.keySet());
        }
        return signal;
    }

    /** Sorted names. */
    public static Set<String> names() {
        return Holder.ALL.keySet();
    }

    private static Map<String, RewardSignal> discover() {
        Map<String, RewardSignal> found = new TreeMap<>();
        for (RewardSignal signal : ServiceLoader.load(RewardSignal.class, Signals.class.getClassLoader())) {
            RewardSignal previous = found.put(signal.name(), signal);
            if (previous != null) {
                throw new IllegalStateException("two reward signals are named " + signal.name() + ": "
                        + previous.getClass().getName() + " and " + signal.getClass().getName());
            }
        }
        return java.util.Collections.unmodifiableMap(found);
    }
}
