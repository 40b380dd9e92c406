package dev.stepgym.agents.baseline;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.EpisodeStart;
import dev.stepgym.agents.Policy;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.ToolSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Picks uniformly among the observation's {@code available_actions}, filling templated ones
 * ({@code search[...]}) with random words from the observation text. With no listed actions it
 * calls a random tool of the environment's spec with made-up arguments, and failing that sends a
 * random phrase. Works for any environment.
 *
 * <p>Deterministic: each episode's random stream derives from the agent seed, the episode seed and
 * the reset observation, so the same seeds give the same actions however many episodes run at once.
 */
public final class RandomAgent implements Agent {
    public static final String NAME = "random";

    private final long seed;

    public RandomAgent(long seed) {
        this.seed = seed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Policy start(EpisodeStart start) {
        long episodeSeed = mix(mix(seed, start.seed() == null ? 0L : start.seed()), start.observation().text() == null ? 0 : start.observation().text().hashCode());
        return new RandomPolicy(new SplittableRandom(episodeSeed), start.spec());
    }

    /** SplitMix64's finaliser over a combination: nearby seeds give unrelated streams. */
    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One episode's random choices. */
    private static final class RandomPolicy implements Policy {
        private final SplittableRandom random;
        private final EnvSpec spec;

        RandomPolicy(SplittableRandom random, EnvSpec spec) {
            this.random = random;
            this.spec = spec;
        }

        @Override
        public Action next(Observation observation) {
            List<String> words = ActionTemplates.words(observation.text());
            List<String> available = observation.availableActions();
            if (!available.isEmpty()) {
                String chosen = available.get(random.nextInt(available.size()));
                return Action.text(ActionTemplates.isTemplate(chosen) ? ActionTemplates.fill(chosen, words, random) : chosen);
            }
            if (spec != null && !spec.tools().isEmpty()) {
                ToolSpec tool = spec.tools().get(random.nextInt(spec.tools().size()));
                return Action.tool(tool.name(), randomArguments(tool, words));
            }
            return Action.text(ActionTemplates.randomPhrase(words, random));
        }

        /** Values for the tool's declared properties, by their JSON-schema type. */
        private Map<String, Object> randomArguments(ToolSpec tool, List<String> words) {
            Map<String, Object> arguments = new LinkedHashMap<>();
            if (!(tool.parameters().get("properties") instanceof Map<?, ?> properties)) {
                return arguments;
            }
            // Sorted names: the order of a schema's map must not change the random stream.
            for (Object name : new java.util.TreeSet<>(properties.keySet().stream().map(String::valueOf).toList())) {
                Object schema = properties.get(name);
                Object type = schema instanceof Map<?, ?> s ? s.get("type") : null;
                if (schema instanceof Map<?, ?> s && s.get("enum") instanceof List<?> values && !values.isEmpty()) {
                    arguments.put((String) name, values.get(random.nextInt(values.size())));
                } else if ("integer".equals(type)) {
                    arguments.put((String) name, random.nextInt(10));
                } else if ("number".equals(type)) {
                    arguments.put((String) name, random.nextInt(100) / 10.0);
                } else if ("boolean".equals(type)) {
                    arguments.put((String) name, random.nextBoolean());
                } else if ("string".equals(type) || type == null) {
                    arguments.put((String) name, ActionTemplates.randomPhrase(words, random));
                }
            }
            return arguments;
        }
    }
}
