package dev.stepgym.scenarios.server;

import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.scenarios.scenario.Scenario;

import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import java.nio.file.Path;
import java.util.Map;

/** Turns a scenario into the server configuration that runs it. */
public final class ScenarioConfig {
    private ScenarioConfig() {
    }

    public static ServerConfig forScenario(Scenario scenario, Path recordDir) {
        ServerConfig config = ServerConfig.defaults()
                .withPort(0)
                .withRecordDir(recordDir)
                .withAllowPrivileged(scenario.allowPrivileged())
                .withScenario(scenario.name());
        if (!scenario.envSettings().isEmpty()) {
            config = config.withEnvSettings(scenario.env(), scenario.envSettings());
        }
        if (!scenario.rewardWeights().isEmpty()) {
            config = config.withRewardWeights(scenario.env(), scenario.rewardWeights());
        }
        if (scenario.maxSteps() != null) {
            config = config.withMaxSteps(scenario.env(), scenario.maxSteps());
        }
        return config;
    }

    /** The environments of a scenario's server: the reward layer with the scenario's pipeline and weights. */
    public static EnvironmentRegistry registry(Scenario scenario) {
        Map<String, PipelineConfig> pipelines = scenario.rewardPipeline() == null ? Map.of()
                : Map.of(scenario.env(), PipelineConfig.parse(scenario.rewardPipeline(), "scenario " + scenario.name() + ": reward_pipeline"));
        return Environments.registry(forScenario(scenario, null), pipelines);
    }
}
