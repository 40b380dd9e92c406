package dev.stepgym.scenarios.server;

import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardLayer;
import java.util.Map;

/**
 * The one place the environments a server runs are composed: every environment on the class
 * path, with the reward layer in front (each environment's default pipeline, or the one given
 * here, with the configuration's reward weights on top). The server itself only sees the result.
 */
public final class Environments {
    private Environments() {}

    /**
     * @param pipelines env id → pipeline (the server's {@code --reward-pipeline}, a scenario's)
     * @throws IllegalArgumentException for an unknown environment, signal or weight, naming it
     */
    public static EnvironmentRegistry registry(ServerConfig config, Map<String, PipelineConfig> pipelines) {
        EnvironmentRegistry discovered = EnvironmentRegistry.discover();
        RewardLayer layer = RewardLayer.defaults();
        for (Map.Entry<String, PipelineConfig> e : pipelines.entrySet()) {
            layer = layer.with(e.getKey(), e.getValue());
        }
        for (String id : discovered.ids()) {
            layer = layer.withWeights(id, config.weights(id));
        }
        return layer.over(discovered);
    }

    /** Every environment with its default pipeline and the configuration's weights. */
    public static EnvironmentRegistry registry(ServerConfig config) {
        return registry(config, Map.of());
    }
}
