package dev.stepgym.protocol.env;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * Reads an environment's string settings (what {@link EnvironmentProvider#open(Map)} receives)
 * with errors that name the environment, the key and the bad value, so every environment refuses
 * a typo or a wrong type the same way.
 *
 * <pre>{@code
 * EnvSettings s = new EnvSettings("shop-v1", settings);
 * s.requireKnown(List.of("products", "catalog_seed"));
 * int products = (int) s.integer("products", 10_000, 1, 2_000_000);
 * }</pre>
 */
public record EnvSettings(String env, Map<String, String> values) {
    public EnvSettings {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    /** Refuses any key not in {@code known} (and not starting with one of {@code prefixes}). */
    public void requireKnown(Collection<String> known, String... prefixes) {
        for (String key : values.keySet()) {
            boolean prefixed = false;
            for (String prefix : prefixes) {
                prefixed |= key.startsWith(prefix);
            }
            if (!prefixed && !known.contains(key)) {
                throw new IllegalArgumentException("unknown " + env + " setting '" + key + "'; known settings: " + known
                        + (prefixes.length == 0 ? "" : " and " + String.join("*, ", prefixes) + "*"));
            }
        }
    }

    /** System property naming the folder environments keep caches in; the launcher and the build set it inside the project. */
    public static final String CACHE_DIR_PROPERTY = "stepgym.cache.dir";

    /** Where environments keep what they build once per machine (dense vectors, generated task suites). */
    public static Path cacheDirectory() {
        String configured = System.getProperty(CACHE_DIR_PROPERTY);
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".cache", "stepgym");
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String string(String key, String fallback) {
        String value = values.get(key);
        return value == null ? fallback : value.strip();
    }

    /** An integer in [min, max], or {@code fallback} when the key is absent. */
    public long integer(String key, long fallback, long min, long max) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(env + " setting '" + key + "' must be an integer, got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(env + " setting '" + key + "' must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    /** A number, or {@code fallback} when the key is absent. */
    public double number(String key, double fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(env + " setting '" + key + "' must be a number, got '" + value + "'");
        }
    }

    /** A readable regular file, or null when the key is absent. */
    public Path readableFile(String key) {
        String value = values.get(key);
        if (value == null) {
            return null;
        }
        Path path = Path.of(value.strip());
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException(env + " setting '" + key + "': not a readable file: " + path);
        }
        return path;
    }

    /** An existing directory, or null when the key is absent. */
    public Path directory(String key) {
        String value = values.get(key);
        if (value == null) {
            return null;
        }
        Path path = Path.of(value.strip());
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(env + " setting '" + key + "': not a directory: " + path);
        }
        return path;
    }
}
