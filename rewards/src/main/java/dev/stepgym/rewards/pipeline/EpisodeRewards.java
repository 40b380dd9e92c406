package dev.stepgym.rewards.pipeline;

import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.rewards.signal.Evidence;
import dev.stepgym.rewards.signal.StepScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;

/**
 * One episode's scoring: its context and the evidence of the steps so far. Each call to
 * {@link #score} scores one more step with every signal of the pipeline (all at once, so
 * model-based signals of concurrent episodes can share a batch), then remembers the evidence.
 * Single-threaded, like the episode it belongs to; {@link #fork} copies it.
 */
public final class EpisodeRewards {
    private final RewardPipeline pipeline;
    private final Map<String, Object> context;
    private final List<Map<String, Object>> history;
    /** The components of each step scored through this object (not a fork's inherited steps). */
    private final List<List<RewardComponent>> scored = new ArrayList<>();

    EpisodeRewards(RewardPipeline pipeline, Map<String, Object> context, List<Map<String, Object>> history) {
        this.pipeline = pipeline;
        this.context = context == null ? Map.of() : context;
        this.history = new ArrayList<>(history);
    }

    public RewardPipeline pipeline() {
        return pipeline;
    }

    /** Steps scored so far. */
    public int steps() {
        return history.size();
    }

    /**
     * The components of the next step, in pipeline order, leaving out the signals that do not
     * apply to it. The evidence is remembered when the future is created, so steps may be scored
     * one after another without waiting.
     */
    public CompletableFuture<List<RewardComponent>> score(Map<String, Object> evidence) {
        int step = history.size() + 1;
        List<RewardPipeline.Stage> stages = pipeline.stages();
        List<CompletableFuture<OptionalDouble>> values = new ArrayList<>();
        for (RewardPipeline.Stage stage : stages) {
            StepScope scope = new StepScope(step, Evidence.of(stage.name(), "context", context),
                    history.stream().map(h -> Evidence.of(stage.name(), "evidence", h)).toList(),
                    Evidence.of(stage.name(), "evidence", evidence));
            CompletableFuture<OptionalDouble> value;
            try {
                value = stage.bound().score(scope).toCompletableFuture();
            } catch (RuntimeException e) {
                value = CompletableFuture.failedFuture(e);
            }
            values.add(value);
        }
        history.add(evidence == null ? Map.of() : evidence);
        List<RewardComponent> slot = new ArrayList<>();
        scored.add(slot);
        return CompletableFuture.allOf(values.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<RewardComponent> out = new ArrayList<>();
            for (int i = 0; i < stages.size(); i++) {
                OptionalDouble v = values.get(i).join();
                if (v.isPresent()) {
                    RewardPipeline.Stage s = stages.get(i);
                    out.add(new RewardComponent(s.name(), v.getAsDouble(), s.weight(), s.source(), s.kind()));
                }
            }
            slot.addAll(out);
            return out;
        });
    }

    /**
     * The per-step values of the pipeline's trajectory transforms over the steps scored here, or
     * null when it has none that run online (see {@link TransformChain}).
     */
    public List<Double> returns() {
        if (!pipeline.transforms().runsOnline() || scored.isEmpty()) {
            return null;
        }
        return pipeline.transforms().online(TransformChain.trajectory("episode", scored, List.of()));
    }

    /** An independent copy in the same state (for a forked episode). */
    public EpisodeRewards fork() {
        return new EpisodeRewards(pipeline, context, history);
    }
}
