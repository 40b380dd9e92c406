package dev.stepgym.agents.baseline;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.AgentConfig;
import dev.stepgym.agents.AgentProvider;

/** Registers {@link OracleSearchQaAgent} as {@code oracle-searchqa}. */
public final class OracleSearchQaAgentProvider implements AgentProvider {
    @Override
    public String name() {
        return OracleSearchQaAgent.NAME;
    }

    @Override
    public String description() {
        return "answers searchqa-v1 by following the gold hops: search, open, answer (reset option \"privileged\": true)";
    }

    @Override
    public Agent create(AgentConfig config) {
        return new OracleSearchQaAgent();
    }
}
