package dev.stepgym.envs.code;

import dev.stepgym.rewards.lanser.LanserWeights;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The settings of {@code code-v1}, parsed from the string map given to
 * {@link CodeEnvironmentProvider#open(Map)}. Unknown keys and bad values are errors.
 *
 * @param tasksDir       a suite directory in the task format (docs/code.md), or null for the built-in suite
 * @param maxServers     language servers kept at most (warm ones are reused across episodes of a repository)
 * @param requestTimeout limit of one language-server request
 * @param idlePerTask    reset workspaces kept per task for the next episode
 * @param weights        Lanser's α, β, γ
 */
public record CodeSettings(Path tasksDir, int maxServers, Duration requestTimeout, int idlePerTask, LanserWeights weights) {
    public static final List<String> KEYS = List.of("tasks_dir", "max_servers", "request_timeout_ms", "idle_workspaces_per_task",
            "alpha", "beta", "gamma");

    public static CodeSettings parse(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown code-v1 setting '" + key + "'; known settings: " + KEYS);
            }
        }
        Path tasks = null;
        if (settings.containsKey("tasks_dir")) {
            tasks = Path.of(settings.get("tasks_dir").strip());
            if (!Files.isDirectory(tasks)) {
                throw new IllegalArgumentException("code-v1 setting 'tasks_dir': not a directory: " + tasks);
            }
        }
        int servers = (int) number(settings, "max_servers", 4, 1, 64);
        long timeout = number(settings, "request_timeout_ms", 15_000, 100, 600_000);
        int idle = (int) number(settings, "idle_workspaces_per_task", 2, 0, 64);
        LanserWeights d = LanserWeights.DEFAULT;
        LanserWeights weights = new LanserWeights(real(settings, "alpha", d.alpha()), real(settings, "beta", d.beta()),
                real(settings, "gamma", d.gamma()));
        return new CodeSettings(tasks, servers, Duration.ofMillis(timeout), idle, weights);
    }

    private static long number(Map<String, String> settings, String key, long fallback, long min, long max) {
        String value = settings.get(key);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("code-v1 setting '" + key + "' must be an integer, got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException("code-v1 setting '" + key + "' must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    private static double real(Map<String, String> settings, String key, double fallback) {
        String value = settings.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("code-v1 setting '" + key + "' must be a number, got '" + value + "'");
        }
    }
}
