package dev.stepgym.agents.baseline;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.AgentConfig;
import dev.stepgym.agents.AgentProvider;

/** Registers {@link OracleShopAgent} as {@code oracle-shop}. */
public final class OracleShopAgentProvider implements AgentProvider {
    @Override
    public String name() {
        return OracleShopAgent.NAME;
    }

    @Override
    public String description() {
        return "solves shop-v1 from privileged goal data (reset option \"privileged\": true)";
    }

    @Override
    public Agent create(AgentConfig config) {
        return new OracleShopAgent();
    }
}
