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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import dev.stepgym.rewards.signal.Signals;

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
    private final Map<String, Map<String, Double>> weights;

    private RewardLayer(Map<String, PipelineConfig> configured, Map<String, Map<String, Double>> weights) {
        this.configured = Map.copyOf(configured);
        this.weights = Map.copyOf(weights);
    }

    /** Every environment with its default pipeline. */
    public static RewardLayer defaults() {
        return new RewardLayer(Map.of(), Map.of());
    }

    /**
     * This layer with some of an environment's signal weights replaced (a scenario's or the
     * server's {@code reward_weights}), on top of whichever pipeline the environment gets.
     */
    public RewardLayer withWeights(String envId, Map<String, Double> replaced) {
        if (replaced.isEmpty()) {
            return this;
        }
        Map<String, Map<String, Double>> next = new LinkedHashMap<>(weights);
        next.put(envId, Map.copyOf(replaced));
        return new RewardLayer(configured, next);
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
        return new RewardLayer(next, weights);
    }

    /** The pipeline an environment gets when an episode names none, with the replaced weights. */
    public Optional<PipelineConfig> pipelineOf(EnvironmentProvider provider) {
        return pipelineOf(provider, null);
    }

    /**
     * As {@link #pipelineOf(EnvironmentProvider)}, for the environment opened with these settings
     * (null: not opened yet), which may set its default pipeline's weights.
     */
    public Optional<PipelineConfig> pipelineOf(EnvironmentProvider provider, Map<String, String> settings) {
        String id = provider.spec().id();
        PipelineConfig own = configured.get(id);
        Map<String, Object> fallback = settings == null ? provider.defaultRewardPipeline() : provider.defaultRewardPipeline(settings);
        Optional<PipelineConfig> chosen = own != null ? Optional.of(own)
                : fallback == null ? Optional.empty() : Optional.of(PipelineConfig.parse(fallback, "default reward pipeline of " + id));
        Map<String, Double> replaced = weights.get(id);
        if (replaced == null) {
            return chosen;
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("reward weights for " + id + ": it has no reward pipeline");
        }
        return Optional.of(chosen.get().withWeights(replaced, "reward weights for " + id));
    }

    /** The registry with this layer in front of each environment that has a pipeline. */
    public EnvironmentRegistry over(EnvironmentRegistry registry) {
        for (String id : configured.keySet()) {
            registry.provider(id); // an unknown environment is an error now, not a silent no-op
        }
        for (String id : weights.keySet()) {
            registry.provider(id);
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
                // The settings may set the default pipeline's weights (code-v1's alpha, beta, gamma).
                RewardPipeline opened = RewardPipeline.of(pipelineOf(provider, settings).orElseThrow(),
                        "reward pipeline of " + provider.spec().id());
                return new RewardedFactory(provider.open(settings), spec, opened);
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
        PipelineConfig config = PipelineConfig.parse(asked, where);
        requireClientSafe(config, where, standing);
        return RewardPipeline.of(config, where);
    }

    /**
     * Refuses a pipeline from a client (an episode's option, a reward-service request) that sets
     * a server-only parameter ({@link dev.stepgym.rewards.signal.RewardSignal#serverOnlyParams()})
     * to anything but the server's own value.
     *
     * @param standing the server's pipeline for this environment, or null when there is none
     */
    public static void requireClientSafe(PipelineConfig config, String where, RewardPipeline standing) {
        for (int i = 0; i < config.signals().size(); i++) {
            PipelineConfig.SignalEntry entry = config.signals().get(i);
            if (!Signals.names().contains(entry.name())) {
                continue; // RewardPipeline.of names the unknown signal
            }
            dev.stepgym.rewards.signal.RewardSignal signal = Signals.byName(entry.name());
            for (String param : signal.serverOnlyParams()) {
                Object own = standing == null ? null : standingParam(standing, entry.name(), param);
                Object asked = entry.params().get(param);
                if (entry.params().containsKey(param) && !Objects.equals(asked, own) && !signal.clientMaySet(param, asked)) {
                    throw new IllegalArgumentException(where + ".signals[" + i + "].params." + param + ": signal " + entry.name()
                            + " takes it only from the server's pipeline (serve --reward-pipeline), not from a client");
                }
            }
        }
    }

    /** The value a server-only parameter has in the standing pipeline (null when it is not set there). */
    private static Object standingParam(RewardPipeline standing, String signal, String param) {
        return standing.config().signals().stream().filter(s -> s.name().equals(signal)).findFirst()
                .map(s -> s.params().get(param)).orElse(null);
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
        public void serverListening(String origin) {
            inner.serverListening(origin);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
