package dev.stepgym.envs.searchqa;

import dev.stepgym.envs.searchqa.retrieval.RetrieverKind;
import dev.stepgym.protocol.env.EnvSettings;

import java.nio.file.Path;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of {@code searchqa-v1}, parsed from the string map given to
 * {@link SearchQaEnvironmentProvider#open(Map)}. Unknown keys and bad values are errors. The belief
 * scorer is no setting of the environment any more but a parameter of the {@code belief_gain}
 * reward signal: the old {@code scorer.*} and {@code belief_timeout_ms} keys are refused with the
 * pipeline entry that replaces them ({@link SearchQaEnvironmentProvider#rewardPipeline(Map, int)}).
 *
 * @param worldSeed       seed of the generated encyclopedia (default 0)
 * @param smallWorld      a small world (about 300 documents) for quick tests instead of the default one
 * @param hotpotQaFile    a HotpotQA-format JSON file to load instead of generating a world, or null
 * @param musiqueFile     a MuSiQue-format JSONL file to load instead of generating a world, or null
 * @param loadedSplit     the split the loaded file's questions belong to (default {@code dev})
 * @param retriever       the default retriever of episodes (an episode may choose another with the reset option {@code retriever})
 * @param topK            results per search (default 3, StepSearch's {@code retriever.topk})
 * @param evidenceVectors embed the corpus's evidence texts once, in the background from the first episode on, and
 *                        keep them in the on-disk cache (setting {@code evidence_vectors}; off by default: on the default world the
 *                        first start embeds tens of thousands of texts, hours of CPU on two cores, so it is opt-in
 *                        until the cache can ship pre-filled; {@code bench searchqa} turns it on)
 */
public record SearchQaSettings(long worldSeed, boolean smallWorld, Path hotpotQaFile, Path musiqueFile,
                               String loadedSplit, RetrieverKind retriever, int topK, boolean evidenceVectors) {
    public static final List<String> KEYS = List.of("world_seed", "world", "hotpotqa_file", "musique_file", "split",
            "retriever", "top_k", "evidence_vectors");
    /** The settings that moved to the {@code belief_gain} signal's parameters. */
    public static final String SCORER_PREFIX = "scorer.";
    public static final String BELIEF_TIMEOUT = "belief_timeout_ms";
    public static final int DEFAULT_TOP_K = 3;
    public static final int MAX_TOP_K = 50;

    public static SearchQaSettings parse(Map<String, String> settings) {
        EnvSettings s = new EnvSettings("searchqa-v1", settings);
        Map<String, String> moved = new TreeMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith(SCORER_PREFIX) || key.equals(BELIEF_TIMEOUT)) {
                moved.put(key, value);
            }
        });
        if (!moved.isEmpty()) {
            throw new IllegalArgumentException("searchqa-v1 settings " + moved.keySet() + " moved to the belief_gain reward signal: "
                    + "give the reward pipeline (options.reward_pipeline, or the server's) the entry "
                    + SearchQaEnvironmentProvider.describeBeliefGainEntry(moved) + " (docs/searchqa.md)");
        }
        s.requireKnown(KEYS);
        String world = s.string("world", "default");
        if (!world.equals("default") && !world.equals("small")) {
            throw new IllegalArgumentException("searchqa-v1 setting 'world' must be 'default' or 'small', got '" + world + "'");
        }
        Path hotpot = s.readableFile("hotpotqa_file");
        Path musique = s.readableFile("musique_file");
        if (hotpot != null && musique != null) {
            throw new IllegalArgumentException("searchqa-v1: give hotpotqa_file or musique_file, not both");
        }
        int topK = (int) s.integer("top_k", DEFAULT_TOP_K, 1, MAX_TOP_K);
        RetrieverKind retriever = RetrieverKind.parse(s.string("retriever", "bm25"));
        // Off by default for the small world: quick tests should not pay for a background embedding run.
        String evidence = s.string("evidence_vectors", "false");
        if (!evidence.equals("true") && !evidence.equals("false")) {
            throw new IllegalArgumentException("searchqa-v1 setting 'evidence_vectors' must be 'true' or 'false', got '" + evidence + "'");
        }
        return new SearchQaSettings(s.integer("world_seed", 0, Long.MIN_VALUE, Long.MAX_VALUE), world.equals("small"), hotpot,
                musique, s.string("split", "dev"), retriever, topK, evidence.equals("true"));
    }
}
