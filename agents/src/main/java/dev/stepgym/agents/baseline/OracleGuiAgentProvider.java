package dev.stepgym.agents.baseline;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.AgentConfig;
import dev.stepgym.agents.AgentProvider;

/** Registers {@link OracleGuiAgent} as {@code oracle-gui}. */
public final class OracleGuiAgentProvider implements AgentProvider {
    @Override
    public String name() {
        return OracleGuiAgent.NAME;
    }

    @Override
    public String description() {
        return "solves gui-v1 by following the task's reference trajectory (reset option \"privileged\": true)";
    }

    @Override
    public Agent create(AgentConfig config) {
        return new OracleGuiAgent();
    }
}
