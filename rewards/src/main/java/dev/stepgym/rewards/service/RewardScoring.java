package dev.stepgym.rewards.service;

import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.rewards.pipeline.EpisodeRewards;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardLayer;
import dev.stepgym.rewards.pipeline.RewardPipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code POST /v1/rewards/score}: one episode's steps scored in order.
 *
 * <pre>{@code
 * {"pipeline": {"signals": [{"name": "information_gain"}, {"name": "redundancy_penalty"}]},
 *  "context": {"gold_docs": ["..."]},
 *  "steps": [{"retrieved_docs": ["..."]}, {"retrieved_docs": ["..."]}]}
 * → {"steps": [{"rewards": [{"name": ..., "value": ..., "weight": ..., "source": ..., "kind": ...}], "reward": 0.42}, ...]}
 * }</pre>
 *
 * Errors are IllegalArgumentExceptions naming the field ({@code steps[1]: signal ...}).
 */
public final class RewardScoring {
    private static final int MAX_STEPS = 10_000;

    private RewardScoring() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> score(Object body) {
        if (!(body instanceof Map<?, ?> request)) {
            throw new IllegalArgumentException("the body must be an object with \"pipeline\", \"context\" and \"steps\"");
        }
        for (Object key : request.keySet()) {
            if (!List.of("pipeline", "context", "steps").contains(String.valueOf(key))) {
                throw new IllegalArgumentException("unknown field \"" + key + "\" (known: context, pipeline, steps)");
            }
        }
        PipelineConfig config = PipelineConfig.parse(request.get("pipeline"), "pipeline");
        RewardLayer.requireClientSafe(config, "pipeline", null); // a client never points the server's models elsewhere
        RewardPipeline pipeline = RewardPipeline.of(config, "pipeline");
        Object context = request.get("context");
        if (context != null && !(context instanceof Map)) {
            throw new IllegalArgumentException("context must be an object");
        }
        if (!(request.get("steps") instanceof List<?> steps)) {
            throw new IllegalArgumentException("steps must be a list of evidence objects");
        }
        if (steps.size() > MAX_STEPS) {
            throw new IllegalArgumentException("steps has " + steps.size() + " entries, more than " + MAX_STEPS);
        }
        EpisodeRewards episode = pipeline.episode(context == null ? Map.of() : (Map<String, Object>) context);
        List<CompletableFuture<List<RewardComponent>>> scored = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (!(steps.get(i) instanceof Map<?, ?> evidence)) {
                throw new IllegalArgumentException("steps[" + i + "] must be an evidence object");
            }
            scored.add(episode.score((Map<String, Object>) evidence));
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            List<RewardComponent> components;
            try {
                components = scored.get(i).join();
            } catch (CompletionException e) {
                throw new IllegalArgumentException("steps[" + i + "]: " + e.getCause().getMessage(), e.getCause());
            }
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("rewards", components);
            step.put("reward", RewardComponent.total(components));
            out.add(step);
        }
        return Map.of("steps", out);
    }
}
