package dev.stepgym.envs.shop;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The oracle path of the brief, driven through the public Environment API only, and a random clicker. */
class OracleAndRandomPathTest {

    @Test
    void oraclePathScoresAtLeast09OnAtLeast95PercentOf200TestTasks() {
        ShopEnvironmentFactory factory = ShopFixture.factory();
        List<String> tasks = factory.tasks("test").subList(0, 200);
        int good = 0;
        for (String task : tasks) {
            double score = oracle(factory.newEpisode(), task);
            if (score >= 0.9) {
                good++;
            }
        }
        assertTrue(good >= 190, "oracle scored >= 0.9 on only " + good + " of 200 tasks");
    }

    @SuppressWarnings("unchecked")
    static double oracle(ShopEnvironment env, String task) {
        Start start = env.reset(ShopFixture.task(task, true));
        Map<String, Object> goal = (Map<String, Object>) start.info().get("goal");
        String asin = (String) goal.get("asin");
        Transition t = env.step(Action.tool("search", Map.of("query", goal.get("search_query"))));
        for (int page = 0; page < 5 && !contains(t.observation(), asin); page++) {
            if (!t.observation().availableActions().contains("click[next >]")) {
                return 0;
            }
            t = env.step(Action.text("click[next >]"));
        }
        if (!contains(t.observation(), asin)) {
            return 0;
        }
        t = env.step(Action.text("click[" + asin + "]"));
        Object options = goal.get("options");
        Collection<String> values = options instanceof Map<?, ?> m ? (Collection<String>) m.values() : (List<String>) options;
        for (String value : values) {
            t = env.step(Action.tool("click", Map.of("target", value)));
            assertEquals(null, t.observation().lastActionError());
        }
        t = env.step(Action.text("click[buy now]"));
        assertTrue(t.terminated());
        return (double) t.info().get("score");
    }

    @SuppressWarnings("unchecked")
    private static boolean contains(Observation o, String asin) {
        Object results = o.data().get("results");
        if (!(results instanceof List<?> list)) {
            return false;
        }
        for (Object row : list) {
            if (asin.equals(((Map<String, Object>) row).get("asin"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void randomClickerScoresFarLower() {
        ShopEnvironmentFactory factory = ShopFixture.factory();
        List<String> tasks = factory.tasks("test").subList(0, 200);
        SplittableRandom random = new SplittableRandom(42);
        double oracleTotal = 0, randomTotal = 0;
        for (String task : tasks.subList(0, 50)) {
            oracleTotal += oracle(factory.newEpisode(), task);
        }
        for (String task : tasks.subList(0, 50)) {
            ShopEnvironment env = factory.newEpisode();
            Start start = env.reset(ShopFixture.task(task, false));
            // A random shopper: searches a random department query, clicks random available things, buys.
            List<String> queries = List.of("shampoo", "yoga mat", "hdmi cable", "men's boots", "hot sauce", "planter");
            Transition t = env.step(Action.text("search[" + queries.get(random.nextInt(queries.size())) + "]"));
            double score = 0;
            for (int step = 0; step < 14 && !t.terminated(); step++) {
                List<String> actions = new ArrayList<>(t.observation().availableActions());
                actions.remove("click[back to search]");
                if (actions.isEmpty()) {
                    break;
                }
                String action = actions.contains("click[buy now]") && random.nextInt(3) == 0
                        ? "click[buy now]" : actions.get(random.nextInt(actions.size()));
                t = env.step(Action.text(action));
            }
            if (t.terminated()) {
                score = (double) t.info().get("score");
            }
            randomTotal += score;
            assertTrue(start.info().get("goal") == null, "no privileged data without the flag");
        }
        assertTrue(randomTotal < 0.5 * oracleTotal, "random " + randomTotal + " vs oracle " + oracleTotal);
    }
}
