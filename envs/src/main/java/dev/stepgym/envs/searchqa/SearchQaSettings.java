package dev.stepgym.envs.searchqa;

import dev.stepgym.envs.searchqa.retrieval.RetrieverKind;
import dev.stepgym.protocol.env.EnvSettings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of {@code searchqa-v1}, parsed from the string map given to
 * {@link SearchQaEnvironmentProvider#open(Map)}. Unknown keys and bad values are errors; keys
 * starting with {@code scorer.} configure the belief scorer (see {@code ScorerConfig}).
 *
 * @param worldSeed       seed of the generated encyclopedia (default 0)
 * @param smallWorld      a small world (about 300 documents) for quick tests instead of the default one
 * @param hotpotQaFile    a HotpotQA-format JSON file to load instead of generating a world, or null
 * @param musiqueFile     a MuSiQue-format JSONL file to load instead of generating a world, or null
 * @param loadedSplit     the split the loaded file's questions belong to (default {@code dev})
 * @param retriever       the default retriever of episodes (an episode may choose another with the reset option {@code retriever})
 * @param topK            results per search (default 3, StepSearch's {@code retriever.topk})
 * @param beliefTimeoutMs how long a step waits for the belief scorer before marking the signal unavailable
 * @param scorer          the {@code scorer.*} settings, passed on as they are
 */
public record SearchQaSettings(long worldSeed, boolean smallWorld, Path hotpotQaFile, Path musiqueFile,
                               String loadedSplit, RetrieverKind retriever, int topK, long beliefTimeoutMs,
                               Map<String, String> scorer) {
    public static final List<String> KEYS = List.of("world_seed", "world", "hotpotqa_file", "musique_file", "split",
            "retriever", "top_k", "belief_timeout_ms");
    public static final String SCORER_PREFIX = "scorer.";
    public static final int DEFAULT_TOP_K = 3;
    public static final int MAX_TOP_K = 50;

    public static SearchQaSettings parse(Map<String, String> settings) {
        EnvSettings s = new EnvSettings("searchqa-v1", settings);
        s.requireKnown(KEYS, SCORER_PREFIX);
        Map<String, String> scorer = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith(SCORER_PREFIX)) {
                scorer.put(key, value);
            }
        });
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
        long timeout = s.integer("belief_timeout_ms", 5_000, 1, 600_000);
        RetrieverKind retriever = RetrieverKind.parse(s.string("retriever", "bm25"));
        return new SearchQaSettings(s.integer("world_seed", 0, Long.MIN_VALUE, Long.MAX_VALUE), world.equals("small"), hotpot,
                musique, s.string("split", "dev"), retriever, topK, timeout, Map.copyOf(scorer));
    }
}
