package dev.stepgym.envs.shop;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.env.ResetRequest;

import java.util.Map;

/** One 10,000-product shop shared by every test class of the JVM: it is built once. */
final class ShopFixture {
    private static ShopEnvironmentFactory factory;

    private ShopFixture() {
    }

    static synchronized ShopEnvironmentFactory factory() {
        if (factory == null) {
            factory = new ShopEnvironmentProvider().open(Map.of("products", "10000", "catalog_seed", "0"));
        }
        return factory;
    }

    static ResetRequest task(String id, boolean privileged) {
        return new ResetRequest(0, id, Map.of(), privileged);
    }

    static Action text(String s) {
        return Action.text(s);
    }
}
