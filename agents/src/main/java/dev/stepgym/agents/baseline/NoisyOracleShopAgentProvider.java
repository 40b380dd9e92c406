package dev.stepgym.agents.baseline;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.AgentConfig;
import dev.stepgym.agents.AgentProvider;

/** Registers {@link NoisyOracleShopAgent} as {@code oracle-shop-noisy} ({@code oracle-shop-noisy:0.3} sets its error rate). */
public final class NoisyOracleShopAgentProvider implements AgentProvider {
    @Override
    public String name() {
        return NoisyOracleShopAgent.NAME;
    }

    @Override
    public String description() {
        return "the shop oracle that, with a seeded probability per step (argument, default "
                + NoisyOracleShopAgent.DEFAULT_ERROR_RATE + "), takes another listed action: a partly wrong agent";
    }

    @Override
    public String argumentOption() {
        return NoisyOracleShopAgent.ERROR_RATE;
    }

    @Override
    public Agent create(AgentConfig config) {
        Object given = config.options().get(NoisyOracleShopAgent.ERROR_RATE);
        double rate = NoisyOracleShopAgent.DEFAULT_ERROR_RATE;
        if (given instanceof Number n) {
            rate = n.doubleValue();
        } else if (given != null) {
            try {
                rate = Double.parseDouble(given.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("agent " + NoisyOracleShopAgent.NAME + ": option \"" + NoisyOracleShopAgent.ERROR_RATE
                        + "\" must be a number in [0, 1], got '" + given + "'");
            }
        }
        return new NoisyOracleShopAgent(config.seed(), rate);
    }
}
