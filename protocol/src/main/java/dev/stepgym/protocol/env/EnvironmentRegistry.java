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
