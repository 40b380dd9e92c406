package dev.stepgym.protocol.env;

import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.StepGymException;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Every environment on the class path, by versioned id, discovered through {@link ServiceLoader}. */
public final class EnvironmentRegistry {
    private final Map<String, EnvironmentProvider> providers;

    private EnvironmentRegistry(Map<String, EnvironmentProvider> providers) {
        this.providers = Collections.unmodifiableMap(providers);
    }

    public static EnvironmentRegistry discover() {
        return discover(EnvironmentRegistry.class.getClassLoader());
    }

    public static EnvironmentRegistry discover(ClassLoader loader) {
        Map<String, EnvironmentProvider> found = new TreeMap<>();
        for (EnvironmentProvider provider : ServiceLoader.load(EnvironmentProvider.class, loader)) {
            EnvironmentProvider previous = found.put(provider.spec().id(), provider);
            if (previous != null) {
                throw new IllegalStateException("two providers claim " + provider.spec().id() + ": "
                        + previous.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        return new EnvironmentRegistry(found);
    }

    /**
     * The same environments, each provider passed through {@code wrapper} (which must keep its
     * id): how the composition root puts a layer, such as the reward pipeline, in front of every
     * environment without the environments or the server knowing.
     */
    public EnvironmentRegistry map(java.util.function.UnaryOperator<EnvironmentProvider> wrapper) {
        Map<String, EnvironmentProvider> mapped = new TreeMap<>();
        providers.forEach((id, provider) -> {
            EnvironmentProvider wrapped = wrapper.apply(provider);
            if (!wrapped.spec().id().equals(id)) {
                throw new IllegalStateException("a wrapper changed the id of " + id + " to " + wrapped.spec().id());
            }
            mapped.put(id, wrapped);
        });
        return new EnvironmentRegistry(mapped);
    }

    /** Sorted ids. */
    public java.util.Set<String> ids() {
        return providers.keySet();
    }

    public EnvironmentProvider provider(String id) {
        EnvironmentProvider provider = providers.get(id);
        if (provider == null) {
            throw new StepGymException(ErrorCode.UNKNOWN_ENV, "unknown environment '" + id + "'; registered: " + ids());
        }
        return provider;
    }
}
