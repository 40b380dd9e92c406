package dev.stepgym.rewards.scoring;

import dev.stepgym.rewards.embed.TextEmbedder;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds the {@link BeliefScorer} a {@link ScorerConfig} names.
 *
 * <pre>{@code
 * try (BeliefScorer scorer = BeliefScorers.create(ScorerConfig.parse(settings), () -> sharedEmbedder)) {
 *     scorer.belief(query).thenAccept(p -> ...);
 * }
 * }</pre>
 */
public final class BeliefScorers {
    private BeliefScorers() {
    }

    /**
     * @param embedder asked only for the {@code proxy} type, once; the embedder stays the caller's to close
     * @throws IllegalArgumentException when the configured model or directory cannot be used
     */
    public static BeliefScorer create(ScorerConfig config, Supplier<TextEmbedder> embedder) {
        Objects.requireNonNull(config, "config");
        return switch (config.type()) {
            case PROXY -> new EmbeddingBeliefProxy(Objects.requireNonNull(embedder, "embedder").get());
            case OPENAI -> new OpenAiCompletionsScorer(config);
            case DJL -> new DjlCausalLmScorer(config);
            case TRAINER -> new TrainerBeliefScorer();
        };
    }

    /**
     * The source the scorer of {@code config} reports, known without building it (a reward
     * pipeline names its components' sources before any model loads).
     */
    public static String sourceOf(ScorerConfig config) {
        Objects.requireNonNull(config, "config");
        return switch (config.type()) {
            case PROXY -> EmbeddingBeliefProxy.SOURCE;
            case OPENAI -> "openai:" + config.model();
            case DJL -> "djl:" + config.modelDir().toAbsolutePath().normalize().getFileName();
            case TRAINER -> TrainerBeliefScorer.SOURCE;
        };
    }
}
