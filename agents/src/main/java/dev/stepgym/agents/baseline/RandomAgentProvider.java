package dev.stepgym.agents.baseline;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.AgentConfig;
import dev.stepgym.agents.AgentProvider;

/** Registers {@link RandomAgent} as {@code random}. */
public final class RandomAgentProvider implements AgentProvider {
    @Override
    public String name() {
        return RandomAgent.NAME;
    }

    @Override
    public String description() {
        return "uniform over available actions, templates filled with words from the observation (seeded)";
    }

    @Override
    public Agent create(AgentConfig config) {
        return new RandomAgent(config.seed());
    }
}
