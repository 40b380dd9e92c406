package dev.stepgym.envs.searchqa;

import dev.stepgym.envs.searchqa.world.Hop;
import dev.stepgym.envs.searchqa.world.Question;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The seeded episodes of the searchqa golden test (small world, default belief scorer): oracle-like
 * runs (the gold hops, some with a wrong answer, a repeated search or a failed format gate) and
 * random runs (actions picked among the available ones, filled with words of the observation, with
 * tag forms and bad actions mixed in). {@link #play} runs them against any environment and returns,
 * per episode, its actions and the components of each step; the fixture
 * {@code searchqa-golden/episodes.json} holds what the environment gave before rewards moved to
 * the reward layer.
 */
final class SearchQaGoldenGenerator {
    static final Map<String, String> SETTINGS = Map.of("world", "small");
    static final int ORACLE_EPISODES = 8;
    static final int RANDOM_EPISODES = 8;
    static final int MAX_STEPS = 10;

    private SearchQaGoldenGenerator() {
    }

    /** One episode to play: how to reset it and how to pick each action. */
    record Plan(String task, long seed, Function<Observation, String> policy) {
    }

    static List<Plan> plans(List<Question> dev) {
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < ORACLE_EPISODES; i++) {
            Question q = dev.get(i);
            List<String> actions = new ArrayList<>();
            for (Hop hop : q.hops()) {
                actions.add("search[" + hop.query() + "]");
                if (i % 3 == 1) {
                    actions.add("<search>" + hop.query() + "</search>"); // a repeat: redundant, no gain
                }
                actions.add("open[" + hop.documentId() + "]");
            }
            actions.add(switch (i % 4) {
                case 0 -> "answer[" + q.answer() + "]";
                case 1 -> "<answer>" + q.answer() + "</answer> and some more text";   // fails the format gate
                case 2 -> "answer[" + (q.aliases().isEmpty() ? "someone else" : q.aliases().get(0)) + "]";
                default -> "<think>done</think><answer>not " + q.answer() + "</answer>";
            });
            List<String> script = List.copyOf(actions);
            int[] at = {0};
            plans.add(new Plan(q.id(), i, obs -> at[0] < script.size() ? script.get(at[0]++) : "answer[x]"));
        }
        for (int i = 0; i < RANDOM_EPISODES; i++) {
            Question q = dev.get(ORACLE_EPISODES + i);
            SplittableRandom random = new SplittableRandom(1000 + i);
            plans.add(new Plan(q.id(), 100 + i, obs -> randomAction(obs, random)));
        }
        return plans;
    }

    private static String randomAction(Observation obs, SplittableRandom random) {
        List<String> words = List.of(obs.text().replaceAll("[^A-Za-z0-9 ]", " ").trim().split("\\s+"));
        int roll = random.nextInt(20);
        if (roll == 0) {
            return "open[d99999999]";
        }
        if (roll == 1) {
            return "fly[to the moon]";
        }
        if (roll == 2) {
            return "<search>" + phrase(words, random) + "</search>";
        }
        List<String> available = obs.availableActions();
        String chosen = available.get(random.nextInt(available.size()));
        if (chosen.startsWith("answer") && random.nextInt(3) != 0) {
            chosen = available.get(0); // answer less often, so episodes have several steps
        }
        if (chosen.contains("<query>")) {
            return "search[" + phrase(words, random) + "]";
        }
        if (chosen.contains("<text>")) {
            return "answer[" + phrase(words, random) + "]";
        }
        return chosen;
    }

    private static String phrase(List<String> words, SplittableRandom random) {
        int n = 1 + random.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(words.get(random.nextInt(words.size())));
        }
        return sb.toString();
    }

    /** Plays every plan; each episode: task, seed, and per step the action and its components. */
    static List<Map<String, Object>> play(List<Question> dev, java.util.function.Supplier<Environment> episodes) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Plan plan : plans(dev)) {
            Environment env = episodes.get();
            Start start = env.reset(new ResetRequest(plan.seed(), plan.task(), Map.of(), false));
            Observation obs = start.observation();
            List<Map<String, Object>> steps = new ArrayList<>();
            for (int s = 0; s < MAX_STEPS; s++) {
                String action = plan.policy().apply(obs);
                Transition t = env.step(Action.text(action));
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("action", action);
                step.put("rewards", t.rewards().stream().map(SearchQaGoldenGenerator::component).toList());
                steps.add(step);
                obs = t.observation();
                if (t.terminated()) {
                    break;
                }
            }
            env.close();
            Map<String, Object> episode = new LinkedHashMap<>();
            episode.put("task", plan.task());
            episode.put("seed", plan.seed());
            episode.put("steps", steps);
            out.add(episode);
        }
        return out;
    }

    static Map<String, Object> component(RewardComponent c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("value", c.value());
        m.put("weight", c.weight());
        m.put("source", c.source());
        m.put("kind", c.kind().name());
        return m;
    }
}
