package dev.stepgym.protocol.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * How a server (or an embedded {@link EpisodeManager}) runs. Build from {@link #defaults()} with the
 * {@code with…} methods; every map is copied and read-only.
 *
 * @param host            address to bind; loopback by default so nothing is exposed by accident
 * @param port            port to bind; 0 picks a free one
 * @param recordDir       where trajectories go ({@code <recordDir>/<env-id>/<episode-id>.jsonl}); null turns recording off
 * @param maxBodyBytes    largest HTTP body or WebSocket message accepted
 * @param leaseSeconds    an episode idle longer than this is closed and its resources released
 * @param defaultCapacity open episodes allowed per environment unless {@code capacities} says otherwise
 * @param capacities      per-environment capacity overrides
 * @param allowPrivileged whether clients may ask for privileged goal data ({@code options.privileged})
 * @param envSettings     per-environment settings given to {@code EnvironmentProvider.open}
 * @param rewardWeights   per-environment overrides: component name → weight
 * @param maxSteps        per-environment step-limit overrides
 * @param scenario        scenario name written in trajectory headers
 * @param workerThreads   threads running environment code (off the event loop)
 * @param maxOpenRecordFiles trajectory files kept open at once (least recently used are closed)
 * @param limits          what one request, reply, socket and shutdown may cost (null: {@link ServerLimits#defaults()})
 */
public record ServerConfig(String host, int port, Path recordDir, int maxBodyBytes, int leaseSeconds,
                           int defaultCapacity, Map<String, Integer> capacities, boolean allowPrivileged,
                           Map<String, Map<String, String>> envSettings,
                           Map<String, Map<String, Double>> rewardWeights,
                           Map<String, Integer> maxSteps, String scenario, int workerThreads,
                           int maxOpenRecordFiles, ServerLimits limits) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
    public static final int DEFAULT_LEASE_SECONDS = 300;
    public static final int DEFAULT_CAPACITY = 4096;

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        requirePositive("maxBodyBytes", maxBodyBytes);
        requirePositive("leaseSeconds", leaseSeconds);
        requirePositive("defaultCapacity", defaultCapacity);
        requirePositive("workerThreads", workerThreads);
        requirePositive("maxOpenRecordFiles", maxOpenRecordFiles);
        capacities = sortedCopy(capacities);
        capacities.forEach((env, n) -> requirePositive("capacity of " + env, n));
        maxSteps = sortedCopy(maxSteps);
        maxSteps.forEach((env, n) -> requirePositive("max_steps of " + env, n));
        envSettings = nestedCopy(envSettings);
        rewardWeights = nestedCopy(rewardWeights);
        rewardWeights.forEach((env, weights) -> weights.forEach((name, w) -> {
            if (w == null || !Double.isFinite(w)) {
                throw new IllegalArgumentException("weight of " + env + "/" + name + " must be a finite number");
            }
        }));
        scenario = scenario == null ? "default" : scenario;
        limits = limits == null ? ServerLimits.defaults() : limits;
    }

    /** Loopback, port 8080, {@code runs/}, 8 MiB, 300 s leases, 4096 episodes per environment, {@link ServerLimits#defaults()}. */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, Path.of("runs"), DEFAULT_MAX_BODY_BYTES,
                DEFAULT_LEASE_SECONDS, DEFAULT_CAPACITY, Map.of(), false, Map.of(), Map.of(), Map.of(),
                "default", Math.max(16, 8 * Runtime.getRuntime().availableProcessors()), 256, ServerLimits.defaults());
    }

    public ServerConfig withHost(String value) {
        return new ServerConfig(value, port, recordDir, maxBodyBytes, leaseSeconds, defaultCapacity, capacities,
                allowPrivileged, envSettings, rewardWeights, maxSteps, scenario, workerThreads, maxOpenRecordFiles, limits);
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(host, value, recordDir, maxBodyBytes, leaseSeconds, defaultCapacity, capacities,
                allowPrivileged, envSettings, rewardWeights, maxSteps, scenario, workerThreads, maxOpenRecordFiles, limits);
    }

    /** @param value the record directory, or null to record nothing */
    public ServerConfig withRecordDir(Path value) {
        return new ServerConfig(host, port, value, maxBodyBytes, leaseSeconds, defaultCapacity, capacities,
                allowPrivileged, envSettings, rewardWeights, maxSteps, scenario, workerThreads, maxOpenRecordFiles, limits);
    }

    public ServerConfig withMaxBodyBytes(int value) {
        return new ServerConfig(host, port, recordDir, value, leaseSeconds, defaultCapacity, capacities,
                allowPrivileged, envSettings, rewardWeights, maxSteps, scenario, workerThreads, maxOpenRecordFiles, limits);
    }

    public ServerConfig withLeaseSeconds(int value) {
        return new ServerConfig(host, port, recordDir, maxBodyBytes, value, defaultCapacity, capacities,
                allowPrivileged, envSettings, rewardWeights, maxSteps, scenario, workerThreads, maxOpenRecordFiles, limits);
    }

    public ServerConfig withDefaultCapacity(int value) {
        return new ServerConfig(host, port, recordDir, maxBodyBytes, leaseSeconds, value, capacities,
                allowPrivileged, envSettings, rewardWeights, maxSteps, scenario, workerThreads, maxOpenRecordFiles, limits);
    }

    public ServerConfig withCapacity(String envId, int value) {
        return new ServerConfig(host, port, recordDir, maxBodyBytes, leaseSeconds, defaultCapacity,
                put(capacities, envId, value), allowPrivileged, envSettings, rewardWeights, maxSteps, scenario,
                workerThreads, maxOpenRecordFiles, limits);
    }

    public ServerConfig withAllowPrivileged(boolean value) {
        return new ServerConfig(host, port, recordDir, maxBodyBytes, leaseSeconds, defaultCapacity, capacities,
                value, envSettings, rewardWeights, maxSteps, scenario, workerThreads, maxOpenRecordFiles, limits);
    }

    public ServerConfig withEnvSettings(String envId, Map<String, String> settings) {
        return new ServerConfig(host, port, recordDir, maxBodyBytes, leaseSeconds, defaultCapacity, capacities,
                allowPrivileged, put(envSettings, envId, settings), rewardWeights, maxSteps, scenario,
                workerThreads, maxOpenRecordFiles, limits);
    }

    public ServerConfig withRewardWeights(String envId, Map<String, Double> weights) {
        return new ServerConfig(host, port, recordDir, maxBodyBytes, leaseSeconds, defaultCapacity, capacities,
                allowPrivileged, envSettings, put(rewardWeights, envId, weights), maxSteps, scenario,
                workerThreads, maxOpenRecordFiles, limits);
    }

    public ServerConfig withMaxSteps(String envId, int value) {
        return new ServerConfig(host, port, recordDir, maxBodyBytes, leaseSeconds, defaultCapacity, capacities,
                allowPrivileged, envSettings, rewardWeights, put(maxSteps, envId, value), scenario,
                workerThreads, maxOpenRecordFiles, limits);
    }

    public ServerConfig withScenario(String value) {
        return new ServerConfig(host, port, recordDir, maxBodyBytes, leaseSeconds, defaultCapacity, capacities,
                allowPrivileged, envSettings, rewardWeights, maxSteps, value, workerThreads, maxOpenRecordFiles, limits);
    }

    public ServerConfig withWorkerThreads(int value) {
        return new ServerConfig(host, port, recordDir, maxBodyBytes, leaseSeconds, defaultCapacity, capacities,
                allowPrivileged, envSettings, rewardWeights, maxSteps, scenario, value, maxOpenRecordFiles, limits);
    }

    public ServerConfig withMaxOpenRecordFiles(int value) {
        return new ServerConfig(host, port, recordDir, maxBodyBytes, leaseSeconds, defaultCapacity, capacities,
                allowPrivileged, envSettings, rewardWeights, maxSteps, scenario, workerThreads, value, limits);
    }

    /** The same configuration with {@code change} applied to its limits. */
    public ServerConfig withLimits(java.util.function.UnaryOperator<ServerLimits> change) {
        return new ServerConfig(host, port, recordDir, maxBodyBytes, leaseSeconds, defaultCapacity, capacities,
                allowPrivileged, envSettings, rewardWeights, maxSteps, scenario, workerThreads, maxOpenRecordFiles,
                change.apply(limits));
    }

    /** Open episodes allowed for {@code envId}. */
    public int capacity(String envId) {
        return capacities.getOrDefault(envId, defaultCapacity);
    }

    /** Settings for {@code EnvironmentProvider.open}, empty when none are configured. */
    public Map<String, String> settings(String envId) {
        return envSettings.getOrDefault(envId, Map.of());
    }

    /** Weight overrides of {@code envId}: component name → weight. */
    public Map<String, Double> weights(String envId) {
        return rewardWeights.getOrDefault(envId, Map.of());
    }

    /** The configured step limit of {@code envId}, if the scenario overrides the environment's own. */
    public OptionalInt maxStepsOverride(String envId) {
        Integer value = maxSteps.get(envId);
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static void requirePositive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
    }

    private static <V> Map<String, V> sortedCopy(Map<String, V> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(map));
    }

    private static <V> Map<String, Map<String, V>> nestedCopy(Map<String, Map<String, V>> map) {
        TreeMap<String, Map<String, V>> copy = new TreeMap<>();
        if (map != null) {
            map.forEach((key, inner) -> copy.put(key, sortedCopy(inner)));
        }
        return java.util.Collections.unmodifiableMap(copy);
    }

    private static <V> Map<String, V> put(Map<String, V> map, String key, V value) {
        TreeMap<String, V> copy = new TreeMap<>(map);
        copy.put(key, value);
        return copy;
    }
}
