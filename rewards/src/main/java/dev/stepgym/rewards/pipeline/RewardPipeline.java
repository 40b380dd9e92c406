package dev.stepgym.rewards.pipeline;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.RewardSignal;
import dev.stepgym.rewards.signal.SignalParams;
import dev.stepgym.rewards.signal.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link PipelineConfig} resolved against the signal registry: each signal found by name, its
 * parameters checked and bound, its weight decided. Immutable and thread-safe; one pipeline
 * serves any number of episodes through {@link #episode}.
 *
 * <pre>{@code
 * RewardPipeline pipeline = RewardPipeline.of(PipelineConfig.parseJson(text, "pipeline.json"));
 * EpisodeRewards rewards = pipeline.episode(context);
 * List<RewardComponent> step1 = rewards.score(evidence1).join();
 * }</pre>
 */
public final class RewardPipeline {
    private final PipelineConfig config;
    private final List<Stage> stages;
    private final TransformChain transforms;

    /** One signal in force: what it is, with which weight and source, bound to its parameters. */
    record Stage(String name, double weight, String source, RewardKind kind, RewardSignal.Bound bound) {}

    private RewardPipeline(PipelineConfig config, List<Stage> stages, TransformChain transforms) {
        this.config = config;
        this.stages = List.copyOf(stages);
        this.transforms = transforms;
    }

    /**
     * @throws IllegalArgumentException naming the entry: an unknown signal, a parameter it does
     *     not take or of the wrong type
     */
    public static RewardPipeline of(PipelineConfig config) {
        return of(config, "reward_pipeline");
    }

    public static RewardPipeline of(PipelineConfig config, String where) {
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < config.signals().size(); i++) {
            PipelineConfig.SignalEntry entry = config.signals().get(i);
            String at = where + ".signals[" + i + "]";
            try {
                RewardSignal signal = Signals.byName(entry.name());
                SignalParams params = SignalParams.of(signal, entry.params());
                RewardSignal.Bound bound = signal.bind(params);
                double weight = entry.weight() != null ? entry.weight() : signal.defaultWeight();
                stages.add(new Stage(signal.name(), weight, signal.source(params), signal.kind(), bound));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
            }
        }
        return new RewardPipeline(config, stages, TransformChain.of(config.transforms(), where));
    }

    public PipelineConfig config() {
        return config;
    }

    /** The pipeline's transforms, checked. */
    public TransformChain transforms() {
        return transforms;
    }

    /** Component names in order. */
    public List<String> names() {
        return stages.stream().map(Stage::name).toList();
    }

    List<Stage> stages() {
        return stages;
    }

    /** A fresh scorer for one episode with this context (see {@code Start.context}). */
    public EpisodeRewards episode(Map<String, Object> context) {
        return new EpisodeRewards(this, context, List.of());
    }

    /**
     * A scorer that has already seen {@code history}: the steps a forked episode inherits from its
     * parent, when its recorded file is re-scored alone.
     */
    public EpisodeRewards episode(Map<String, Object> context, List<Map<String, Object>> history) {
        return new EpisodeRewards(this, context, history);
    }
}
