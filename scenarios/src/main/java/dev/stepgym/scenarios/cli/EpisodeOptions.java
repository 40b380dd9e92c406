package dev.stepgym.scenarios.cli;

import dev.stepgym.scenarios.scenario.Scenario;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * The options {@code run} and {@code eval} share: how many episodes, where they are recorded, what
 * counts as success, and the LLM agent's settings ({@link LlmOptions}).
 */
final class EpisodeOptions {
    @Option(names = "--episodes", description = "number of episodes, overriding the scenario's")
    Integer episodes;

    @Option(names = "--record-dir", defaultValue = "runs", description = "trajectory directory (default: ${DEFAULT-VALUE})")
    Path recordDir;

    @Option(names = "--threshold", defaultValue = "0.9", description = "outcome score counted as success (default: ${DEFAULT-VALUE})")
    double threshold;

    @Mixin
    LlmOptions llm;

    /** The scenario with {@code --episodes} applied. */
    Scenario apply(Scenario scenario) {
        return episodes == null ? scenario : scenario.withEpisodes(episodes);
    }

    /** Options for the agents (the {@code --llm-*} flags); agents other than {@code openai:MODEL} ignore them. */
    Map<String, Object> agentOptions() {
        return llm.agentOptions();
    }
}
