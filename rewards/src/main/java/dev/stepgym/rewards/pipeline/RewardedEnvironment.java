package dev.stepgym.rewards.pipeline;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The reward pipeline in front of one episode, as a Gymnasium wrapper: the environment reports
 * evidence, this wrapper adds the components the pipeline computes from it. At reset it takes
 * {@code options.reward_pipeline} out of the options (the environment never sees it), picks the
 * pipeline and returns it in {@link Start#rewardPipeline()} for the trajectory header.
 */
public final class RewardedEnvironment implements Environment {
    /** The reset option that names a pipeline for one episode. */
    public static final String OPTION = "reward_pipeline";

    private final Environment env;
    private final Function<Object, RewardPipeline> choose;
    private EpisodeRewards rewards;

    /**
     * @param choose the pipeline for a reset, given the value of {@code options.reward_pipeline}
     *     (null when absent); throws IllegalArgumentException for a bad one
     */
    public RewardedEnvironment(Environment env, Function<Object, RewardPipeline> choose) {
        this(env, choose, null);
    }

    private RewardedEnvironment(Environment env, Function<Object, RewardPipeline> choose, EpisodeRewards rewards) {
        this.env = env;
        this.choose = choose;
        this.rewards = rewards;
    }

    @Override
    public Start reset(ResetRequest request) {
        Map<String, Object> options = new LinkedHashMap<>(request.options());
        Object asked = options.remove(OPTION);
        RewardPipeline pipeline;
        try {
            pipeline = choose.apply(asked);
        } catch (IllegalArgumentException e) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        Start start = env.reset(new ResetRequest(request.seed(), request.task(), options, request.privileged()));
        rewards = pipeline.episode(start.context());
        return start.withRewardPipeline(pipeline.config().toJson());
    }

    @Override
    public Transition step(Action action) {
        if (rewards == null) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "reset the episode before stepping it");
        }
        Transition t = env.step(action);
        return t.withRewards(join(rewards, t.evidence()));
    }

    private static List<RewardComponent> join(EpisodeRewards rewards, Map<String, Object> evidence) {
        try {
            return rewards.score(evidence).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    @Override
    public Environment fork() {
        return new RewardedEnvironment(env.fork(), choose, rewards == null ? null : rewards.fork());
    }

    /** The pipeline's trajectory transforms over this episode's steps (a fork: its own steps). */
    @Override
    public List<Double> returns() {
        return rewards == null ? null : rewards.returns();
    }

    @Override
    public Object state() {
        return env.state();
    }

    @Override
    public Map<String, Object> outcome() {
        return env.outcome();
    }

    @Override
    public void close() {
        env.close();
    }
}
