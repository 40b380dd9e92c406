package dev.stepgym.rewards.pipeline;

import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.EnvironmentFactory;
import dev.stepgym.protocol.env.EnvironmentProvider;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.env.WebPages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts the reward pipeline in front of every environment that has a default one. For each
 * episode the pipeline is, first found: the episode's {@code options.reward_pipeline}, the one
 * given for its environment here (by the server's {@code --reward-pipeline} or a scenario), the
 * environment's {@link EnvironmentProvider#defaultRewardPipeline() default}.
 *
 * <pre>{@code
 * EnvironmentRegistry registry = RewardLayer.defaults()
 *         .with("shop-v1", PipelineConfig.parseJson(text, "shop.json"))
 *         .over(EnvironmentRegistry.discover());
 * }</pre>
 */
public final class RewardLayer {
    private final Map<String, PipelineConfig> configured;

    private RewardLayer(Map<String, PipelineConfig> configured) {
        this.configured = Map.copyOf(configured);
    }

    /** Every environment with its default pipeline. */
    public static RewardLayer defaults() {
        return new RewardLayer(Map.of());
    }

    /**
     * This layer with a pipeline for one environment, checked now.
     *
     * @throws IllegalArgumentException naming the entry that is wrong
     */
    public RewardLayer with(String envId, PipelineConfig pipeline) {
        RewardPipeline.of(pipeline, "reward pipeline of " + envId);
        Map<String, PipelineConfig> next = new LinkedHashMap<>(configured);
        next.put(envId, pipeline);
        return new RewardLayer(next);
    }

    /** The pipeline an environment gets when an episode names none. */
    public Optional<PipelineConfig> pipelineOf(EnvironmentProvider provider) {
        PipelineConfig own = configured.get(provider.spec().id());
        if (own != null) {
            return Optional.of(own);
        }
        Map<String, Object> fallback = provider.defaultRewardPipeline();
        return fallback == null ? Optional.empty()
                : Optional.of(PipelineConfig.parse(fallback, "default reward pipeline of " + provider.spec().id()));
    }

    /** The registry with this layer in front of each environment that has a pipeline. */
    public EnvironmentRegistry over(EnvironmentRegistry registry) {
        for (String id : configured.keySet()) {
            registry.provider(id); // an unknown environment is an error now, not a silent no-op
        }
        return registry.map(this::wrap);
    }

    /** The provider with this layer in front, or the provider itself when it has no pipeline. */
    public EnvironmentProvider wrap(EnvironmentProvider provider) {
        Optional<PipelineConfig> config = pipelineOf(provider);
        if (config.isEmpty()) {
            return provider;
        }
        RewardPipeline standing = RewardPipeline.of(config.get(), "reward pipeline of " + provider.spec().id());
        EnvSpec inner = provider.spec();
        EnvSpec spec = new EnvSpec(inner.id(), inner.description(), inner.actionFormat(), inner.tools(), inner.maxSteps(),
                standing.names());
        return new EnvironmentProvider() {
            @Override
            public EnvSpec spec() {
                return spec;
            }

            @Override
            public EnvironmentFactory open(Map<String, String> settings) {
                return new RewardedFactory(provider.open(settings), spec, standing);
            }

            @Override
            public Map<String, Object> defaultRewardPipeline() {
                return standing.config().toJson();
            }
        };
    }

    /** Picks an episode's pipeline: its own when it names one, else the standing one. */
    static RewardPipeline choose(Object asked, RewardPipeline standing) {
        if (asked == null) {
            return standing;
        }
        String where = "options." + RewardedEnvironment.OPTION;
        return RewardPipeline.of(PipelineConfig.parse(asked, where), where);
    }

    private record RewardedFactory(EnvironmentFactory inner, EnvSpec spec, RewardPipeline standing) implements EnvironmentFactory {
        @Override
        public Environment newEpisode() {
            return new RewardedEnvironment(inner.newEpisode(), asked -> choose(asked, standing));
        }

        @Override
        public List<String> tasks(String split) {
            return inner.tasks(split);
        }

        @Override
        public Optional<WebPages> webPages() {
            return inner.webPages();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
