package dev.stepgym.envs.searchqa;

import dev.stepgym.envs.searchqa.retrieval.RetrieverKind;

import java.nio.file.Files;
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
        Map<String, String> scorer = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (e.getKey().startsWith(SCORER_PREFIX)) {
                scorer.put(e.getKey(), e.getValue());
            } else if (!KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown searchqa-v1 setting '" + e.getKey() + "'; known settings: "
                        + KEYS + " and scorer.*");
            }
        }
        String world = settings.getOrDefault("world", "default").strip();
        if (!world.equals("default") && !world.equals("small")) {
            throw new IllegalArgumentException("searchqa-v1 setting 'world' must be 'default' or 'small', got '" + world + "'");
        }
        Path hotpot = file(settings, "hotpotqa_file");
        Path musique = file(settings, "musique_file");
        if (hotpot != null && musique != null) {
            throw new IllegalArgumentException("searchqa-v1: give hotpotqa_file or musique_file, not both");
        }
        int topK = (int) number(settings, "top_k", DEFAULT_TOP_K);
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new IllegalArgumentException("searchqa-v1 setting 'top_k' must be between 1 and " + MAX_TOP_K + ", got " + topK);
        }
        long timeout = number(settings, "belief_timeout_ms", 5_000);
        if (timeout < 1) {
            throw new IllegalArgumentException("searchqa-v1 setting 'belief_timeout_ms' must be positive, got " + timeout);
        }
        RetrieverKind retriever = RetrieverKind.parse(settings.getOrDefault("retriever", "bm25"));
        return new SearchQaSettings(number(settings, "world_seed", 0), world.equals("small"), hotpot, musique,
                settings.getOrDefault("split", "dev").strip(), retriever, topK, timeout, Map.copyOf(scorer));
    }

    private static long number(Map<String, String> settings, String key, long fallback) {
        String value = settings.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("searchqa-v1 setting '" + key + "' must be an integer, got '" + value + "'");
        }
    }

    private static Path file(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null) {
            return null;
        }
        Path path = Path.of(value.strip());
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException("searchqa-v1 setting '" + key + "': not a readable file: " + path);
        }
        return path;
    }
}
