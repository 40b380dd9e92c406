package dev.stepgym.envs.searchqa;

import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.ToolSpec;
import dev.stepgym.protocol.env.EnvironmentProvider;

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
 */
public final class SearchQaEnvironmentProvider implements EnvironmentProvider {
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
     * {@code musique_file}, {@code split}, {@code retriever}, {@code top_k}, {@code belief_timeout_ms}, {@code scorer.*}.
     */
    @Override
    public SearchQaEnvironmentFactory open(Map<String, String> settings) {
        SearchQaSettings parsed = SearchQaSettings.parse(settings == null ? Map.of() : settings);
        return new SearchQaEnvironmentFactory(SPEC, SearchQaStore.open(parsed));
    }
}
