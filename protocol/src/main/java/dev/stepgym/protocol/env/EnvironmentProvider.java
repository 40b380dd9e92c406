package dev.stepgym.protocol.env;

import dev.stepgym.protocol.EnvSpec;

import java.util.Map;

/**
 * Entry point of an environment family, registered in
 * {@code META-INF/services/dev.stepgym.protocol.env.EnvironmentProvider}. Cheap to construct:
 * heavy resources are opened by {@link #open(Map)}.
 */
public interface EnvironmentProvider {
    EnvSpec spec();

    /**
     * Opens the shared resources of this environment.
     *
     * @param settings environment-specific settings (e.g. {@code products=20000}); unknown keys are
     *                 an error so typos do not pass silently
     */
    EnvironmentFactory open(Map<String, String> settings);

    /**
     * The reward pipeline that reproduces this environment's components from its evidence, as
     * JSON ({@code {"signals":[{"name":…,"weight":…,"params":{…}}]}}); the reward layer puts it in
     * front of every episode unless the server, the scenario or the episode's
     * {@code options.reward_pipeline} names another. Null: the environment computes its own
     * rewards (test environments).
     */
    default Map<String, Object> defaultRewardPipeline() {
        return null;
    }

    /**
     * The default reward pipeline under the settings the environment is opened with (weights
     * that are environment settings, e.g. code-v1's {@code alpha}). The same signals, in the same
     * order, as {@link #defaultRewardPipeline()}.
     */
    default Map<String, Object> defaultRewardPipeline(Map<String, String> settings) {
        return defaultRewardPipeline();
    }
}
