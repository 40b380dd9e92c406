package dev.stepgym.envs.code;

import dev.stepgym.protocol.env.EnvSettings;
import dev.stepgym.rewards.lanser.LanserWeights;

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
 * @param weights        Lanser's α, β, γ: the weights of the default pipeline's diagnostic_delta, safety and
 *                       ambiguity_penalty ({@link CodeEnvironmentProvider#rewardPipeline(Map)})
 */
public record CodeSettings(Path tasksDir, int maxServers, Duration requestTimeout, int idlePerTask, LanserWeights weights) {
    public static final List<String> KEYS = List.of("tasks_dir", "max_servers", "request_timeout_ms", "idle_workspaces_per_task",
            "alpha", "beta", "gamma");

    public static CodeSettings parse(Map<String, String> settings) {
        EnvSettings s = new EnvSettings("code-v1", settings);
        s.requireKnown(KEYS);
        LanserWeights d = LanserWeights.DEFAULT;
        LanserWeights weights = new LanserWeights(s.number("alpha", d.alpha()), s.number("beta", d.beta()),
                s.number("gamma", d.gamma()));
        return new CodeSettings(s.directory("tasks_dir"), (int) s.integer("max_servers", 4, 1, 64),
                Duration.ofMillis(s.integer("request_timeout_ms", 15_000, 100, 600_000)),
                (int) s.integer("idle_workspaces_per_task", 2, 0, 64), weights);
    }
}
