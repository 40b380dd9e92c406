package dev.stepgym.scenarios.server;

import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.scenarios.scenario.Scenario;

import java.nio.file.Path;

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
}
