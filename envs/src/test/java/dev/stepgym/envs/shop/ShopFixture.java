package dev.stepgym.envs.shop;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.env.EnvironmentFactory;
import dev.stepgym.protocol.env.EnvironmentProvider;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.rewards.pipeline.RewardLayer;

import java.util.Map;

/** One 10,000-product shop shared by every test class of the JVM: it is built once. */
final class ShopFixture {
    private static ShopEnvironmentFactory factory;
    private static EnvironmentFactory rewarded;

    private ShopFixture() {
    }

    static synchronized ShopEnvironmentFactory factory() {
        if (factory == null) {
            factory = new ShopEnvironmentProvider().open(Map.of("products", "10000", "catalog_seed", "0"));
        }
        return factory;
    }

    /**
     * The same shop behind the reward layer with the environment's default pipeline, as the server
     * runs it ({@link RewardLayer#wrap}): its episodes carry the reward components.
     */
    static synchronized EnvironmentFactory rewarded() {
        if (rewarded == null) {
            ShopEnvironmentProvider real = new ShopEnvironmentProvider();
            EnvironmentProvider shared = new EnvironmentProvider() {
                @Override
                public EnvSpec spec() {
                    return real.spec();
                }

                @Override
                public EnvironmentFactory open(Map<String, String> settings) {
                    return factory(); // the shared catalog, not a second one
                }

                @Override
                public Map<String, Object> defaultRewardPipeline() {
                    return real.defaultRewardPipeline();
                }
            };
            rewarded = RewardLayer.defaults().wrap(shared).open(Map.of());
        }
        return rewarded;
    }

    static ResetRequest task(String id, boolean privileged) {
        return new ResetRequest(0, id, Map.of(), privileged);
    }

    static Action text(String s) {
        return Action.text(s);
    }
}
