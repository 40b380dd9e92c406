package dev.stepgym.envs.shop;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;
import dev.stepgym.protocol.json.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One-off: runs seeded oracle-like and random episodes with the environment's own reward
 * components and writes actions + components per step to
 * {@code src/test/resources/shop-golden/episodes.json}, the fixture the reward pipeline must
 * reproduce. Run once with {@code -Dshop.golden.write=true -Dtest=ShopGoldenGenerator}.
 */
class ShopGoldenGenerator {
    static final Map<String, String> SYNTHETIC = Map.of("products", "10000", "catalog_seed", "0");

    @org.junit.jupiter.api.Test
    void write() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("shop.golden.write"));
        List<Object> episodes = new ArrayList<>();
        ShopEnvironmentFactory synthetic = ShopFixture.factory();
        List<String> test = synthetic.tasks("test");
        for (int i = 0; i < 6; i++) {
            episodes.add(oracle(synthetic, "synthetic", test.get(i), i));
        }
        for (int i = 6; i < 10; i++) {
            episodes.add(nearMiss(synthetic, "synthetic", test.get(i), i));
        }
        List<String> train = synthetic.tasks("train");
        for (int i = 0; i < 8; i++) {
            SplittableRandom random = new SplittableRandom(100 + i);
            episodes.add(random(synthetic, "synthetic", train.get(random.nextInt(train.size())), random));
        }
        try (ShopEnvironmentFactory webshop = new ShopEnvironmentProvider().open(webshopSettings(true))) {
            for (String task : webshop.tasks("train")) {
                episodes.add(oracle(webshop, "webshop_human", task, 1));
                episodes.add(random(webshop, "webshop_human", task, new SplittableRandom(task.hashCode())));
            }
        }
        try (ShopEnvironmentFactory webshop = new ShopEnvironmentProvider().open(webshopSettings(false))) {
            String task = webshop.tasks("train").get(0);
            episodes.add(oracle(webshop, "webshop_synthetic", task, 2));
        }
        Path out = Path.of("src/test/resources/shop-golden/episodes.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("episodes", episodes)));
    }

    static Map<String, String> webshopSettings(boolean human) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("webshop_products", resource("items_shuffle.json"));
        s.put("webshop_attributes", resource("items_ins_v2.json"));
        if (human) {
            s.put("webshop_human_instructions", resource("items_human_ins.json"));
        }
        return s;
    }

    static String resource(String name) {
        try {
            return Path.of(ShopGoldenGenerator.class.getResource("/webshop/" + name).toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The oracle path with detours (description, features, an invalid click, a partial option set), then a step past the end. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> oracle(ShopEnvironmentFactory factory, String catalog, String task, int variant) {
        Recorder r = new Recorder(factory, catalog, task, true);
        Map<String, Object> goal = (Map<String, Object>) r.start.info().get("goal");
        String asin = ((String) goal.get("asin")).toLowerCase(java.util.Locale.ROOT);
        Transition t = r.step("search[" + goal.get("search_query") + "]");
        for (int page = 0; page < 5 && !t.observation().availableActions().contains("click[" + asin + "]")
                && t.observation().availableActions().contains("click[next >]"); page++) {
            t = r.step("click[next >]");
        }
        if (variant % 3 == 1) {
            r.step("click[not a product]");
        }
        r.step("click[" + asin + "]");
        if (variant % 2 == 0) {
            r.step("click[description]");
            r.step("click[< prev]");
            r.step("click[features]");
            r.step("click[< prev]");
        }
        Object options = goal.get("options");
        List<String> values = new ArrayList<>(options instanceof Map<?, ?> m ? (Collection<String>) m.values() : (List<String>) options);
        if (variant == 3 && !values.isEmpty()) {
            values.remove(values.size() - 1); // a partial option set
        }
        for (String value : values) {
            r.step("click[" + value + "]");
        }
        if (variant == 5) {
            r.step("search[again]"); // not on the search page
        }
        r.step("click[buy now]");
        r.step("click[buy now]"); // past the end: invalid
        return r.episode;
    }

    /** Searches the goal's query, opens a result that is not the target, clicks its first option values, buys. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> nearMiss(ShopEnvironmentFactory factory, String catalog, String task, int variant) {
        Recorder r = new Recorder(factory, catalog, task, true);
        Map<String, Object> goal = (Map<String, Object>) r.start.info().get("goal");
        String asin = ((String) goal.get("asin")).toLowerCase(java.util.Locale.ROOT);
        Transition t = r.step("search[" + goal.get("search_query") + "]");
        List<String> clicks = t.observation().availableActions().stream()
                .filter(a -> a.startsWith("click[b") && !a.equals("click[" + asin + "]") && !a.equals("click[back to search]"))
                .toList();
        t = r.step(clicks.get(variant % clicks.size()));
        List<String> before = t.observation().availableActions();
        int picked = 0;
        for (String a : before) {
            if (picked < variant % 3 + 1 && a.startsWith("click[") && !List.of("click[buy now]", "click[< prev]",
                    "click[back to search]", "click[description]", "click[features]").contains(a)) {
                r.step(a);
                picked++;
            }
        }
        r.step("click[buy now]");
        return r.episode;
    }

    private static final List<String> QUERIES = List.of("shampoo", "yoga mat", "hdmi cable", "men's boots", "hot sauce",
            "planter", "t-shirt", "cotton");
    private static final List<String> INVALID = List.of("click[nothing here]", "search[red shoes]", "jump[x]", "click[]",
            "click[buy now]", "buy");

    /** A random shopper with invalid actions and new searches mixed in. */
    private static Map<String, Object> random(ShopEnvironmentFactory factory, String catalog, String task, SplittableRandom random) {
        Recorder r = new Recorder(factory, catalog, task, false);
        Transition t = r.step("search[" + QUERIES.get(random.nextInt(QUERIES.size())) + "]");
        for (int step = 0; step < 14 && !t.terminated(); step++) {
            List<String> actions = new ArrayList<>(t.observation().availableActions());
            String action;
            if (random.nextInt(6) == 0) {
                action = INVALID.get(random.nextInt(INVALID.size()));
            } else if (actions.contains("search[...]")) {
                action = "search[" + QUERIES.get(random.nextInt(QUERIES.size())) + "]";
            } else if (actions.contains("click[buy now]") && random.nextInt(4) == 0) {
                action = "click[buy now]";
            } else {
                action = actions.get(random.nextInt(actions.size()));
            }
            t = r.step(action);
        }
        return r.episode;
    }

    private static final class Recorder {
        final ShopEnvironment env;
        final Start start;
        final Map<String, Object> episode = new LinkedHashMap<>();
        final List<Object> steps = new ArrayList<>();

        Recorder(ShopEnvironmentFactory factory, String catalog, String task, boolean privileged) {
            env = factory.newEpisode();
            start = env.reset(new ResetRequest(0, task, Map.of(), privileged));
            episode.put("catalog", catalog);
            episode.put("task", task);
            episode.put("steps", steps);
        }

        Transition step(String action) {
            Transition t = env.step(Action.text(action));
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("action", action);
            List<Object> rewards = new ArrayList<>();
            for (RewardComponent c : t.rewards()) {
                Map<String, Object> rc = new LinkedHashMap<>();
                rc.put("name", c.name());
                rc.put("value", c.value());
                rc.put("weight", c.weight());
                rc.put("source", c.source());
                rc.put("kind", c.kind().name());
                rewards.add(rc);
            }
            step.put("rewards", rewards);
            if (!t.info().isEmpty()) {
                step.put("info", t.info());
            }
            step.put("terminated", t.terminated());
            steps.add(step);
            return t;
        }
    }
}
