package dev.stepgym.envs.searchqa;

import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.ToolSpec;
import dev.stepgym.protocol.env.EnvironmentProvider;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.rewards.generic.InvalidActionSignal;
import dev.stepgym.rewards.igpo.BeliefGainSignal;
import dev.stepgym.rewards.signal.Signals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code searchqa-v1}, found through {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * try (var factory = new SearchQaEnvironmentProvider().open(Map.of("world", "small"))) {
 *     var env = factory.newEpisode();
 * }
 * }</pre>
 *
 * <p>Its rewards come from the reward layer: {@link #defaultRewardPipeline()} lists StepSearch's and
 * IGPO's signals over the evidence the episodes report.
 */
public final class SearchQaEnvironmentProvider implements EnvironmentProvider {
    /** The {@code invalid_action} component's source in this environment. */
    public static final String INVALID_SOURCE = "env:searchqa";

    public static final String ID = "searchqa-v1";
    /** IGPO's {@code max_turns}. */
    public static final int MAX_STEPS = 10;

    private static final EnvSpec SPEC = new EnvSpec(ID,
            "Multi-hop question answering over a fictional encyclopedia: search (BM25, dense MiniLM or hybrid), "
                    + "open documents, answer. Step rewards: StepSearch information gain and redundancy penalty, "
                    + "IGPO belief gain; outcome: answer F1, search-key match and the format gate. "
                    + "Any action may carry the trainer's belief in the gold answer (tool argument 'belief' or <belief>p</belief>).",
            "text",
            List.of(ToolSpec.withStringArgument("search", "Search the encyclopedia; returns the top documents with snippets.",
                            "query", "the search words"),
                    ToolSpec.withStringArgument("open", "Read a whole document.", "doc_id", "a document id from the results, e.g. d00042"),
                    ToolSpec.withStringArgument("answer", "Give the final answer and end the episode.", "text", "the answer")),
            MAX_STEPS,
            SearchQaEnvironment.REWARD_COMPONENTS);

    @Override
    public EnvSpec spec() {
        return SPEC;
    }

    /**
     * Settings: {@code world_seed}, {@code world} ({@code default|small}), {@code hotpotqa_file},
     * {@code musique_file}, {@code split}, {@code retriever}, {@code top_k}. The belief scorer is a
     * parameter of the {@code belief_gain} signal ({@link #rewardPipeline(Map, int)}).
     */
    @Override
    public SearchQaEnvironmentFactory open(Map<String, String> settings) {
        SearchQaSettings parsed = SearchQaSettings.parse(settings == null ? Map.of() : settings);
        return new SearchQaEnvironmentFactory(SPEC, SearchQaStore.open(parsed));
    }

    /**
     * StepSearch's step signals (information gain, redundancy, both at its intended scale 0.6), IGPO's
     * belief gain through the MiniLM evidence proxy, StepSearch's outcome (F1, exact match reported
     * with weight 0, search-key match at 0.618, the format gate), and the invalid-action penalty.
     */
    @Override
    public Map<String, Object> defaultRewardPipeline() {
        return rewardPipeline(Map.of("type", "proxy"), BeliefGainSignal.DEFAULT_TIMEOUT_MS);
    }

    /**
     * The default pipeline with another belief scorer: {@code scorer} holds the scorer settings
     * without their {@code scorer.} prefix (e.g. {@code {"type": "trainer"}}), {@code timeoutMs} how
     * long a step waits for a belief.
     */
    public static Map<String, Object> rewardPipeline(Map<String, Object> scorer, int timeoutMs) {
        List<Object> signals = new ArrayList<>();
        for (String name : SearchQaEnvironment.REWARD_COMPONENTS) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put("weight", Signals.byName(name).defaultWeight());
            if (name.equals(BeliefGainSignal.NAME)) {
                Map<String, Object> params = new LinkedHashMap<>();
                params.put(BeliefGainSignal.SCORER, new LinkedHashMap<>(scorer));
                params.put(BeliefGainSignal.TIMEOUT_MS, timeoutMs);
                entry.put("params", params);
            } else if (name.equals(InvalidActionSignal.NAME)) {
                entry.put("params", Map.of("source", INVALID_SOURCE));
            }
            signals.add(entry);
        }
        return Map.of("signals", signals);
    }

    /**
     * The {@code belief_gain} entry that replaces the environment settings this environment used to
     * take ({@code scorer.*}, {@code belief_timeout_ms}), as JSON for an error message: an API key is
     * never repeated, {@code api_key_env} names a variable to hold it instead.
     */
    static String describeBeliefGainEntry(Map<String, String> moved) {
        Map<String, Object> scorer = new LinkedHashMap<>();
        Map<String, Object> params = new LinkedHashMap<>();
        moved.forEach((key, value) -> {
            if (key.equals(SearchQaSettings.BELIEF_TIMEOUT)) {
                params.put(BeliefGainSignal.TIMEOUT_MS, value.strip().matches("\\d{1,9}") ? Integer.parseInt(value.strip()) : value);
            } else if (key.equals(SearchQaSettings.SCORER_PREFIX + "api_key")) {
                scorer.put("api_key_env", "NAME_OF_A_VARIABLE_HOLDING_THE_KEY");
            } else {
                scorer.put(key.substring(SearchQaSettings.SCORER_PREFIX.length()), value);
            }
        });
        if (!scorer.isEmpty()) {
            params.put(BeliefGainSignal.SCORER, scorer);
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", BeliefGainSignal.NAME);
        entry.put("params", params);
        return Json.write(entry);
    }
}
