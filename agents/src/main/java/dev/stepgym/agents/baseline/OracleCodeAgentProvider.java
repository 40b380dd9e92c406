package dev.stepgym.agents.baseline;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.AgentConfig;
import dev.stepgym.agents.AgentProvider;

/** Registers {@link OracleCodeAgent} as {@code oracle-code}. */
public final class OracleCodeAgentProvider implements AgentProvider {
    @Override
    public String name() {
        return OracleCodeAgent.NAME;
    }

    @Override
    public String description() {
        return "applies a code-v1 task's reference patch through the protocol, runs the tests, submits (reset option \"privileged\": true)";
    }

    @Override
    public Agent create(AgentConfig config) {
        return new OracleCodeAgent();
    }
}
