package dev.stepgym.protocol.env;

import dev.stepgym.protocol.Observation;

import java.util.Map;

/**
 * The first observation of an episode and its info (task id, instruction, privileged goal data…).
 *
 * @param context what the reward signals of this episode need to know about its task (the goal,
 *     the gold documents and answers…), JSON-serialisable; recorded in the trajectory header so a
 *     run can be re-scored without the environment
 * @param rewardPipeline the reward pipeline in force, as JSON, when a reward layer wraps the
 *     environment (its digest goes in the trajectory header); null otherwise
 */
public record Start(Observation observation, Map<String, Object> info, Map<String, Object> context,
                    Map<String, Object> rewardPipeline) {
    public Start {
        info = info == null ? Map.of() : info;
        context = context == null ? Map.of() : context;
    }

    public Start(Observation observation, Map<String, Object> info) {
        this(observation, info, Map.of(), null);
    }

    public Start(Observation observation, Map<String, Object> info, Map<String, Object> context) {
        this(observation, info, context, null);
    }

    /** This start with the pipeline a reward layer put in force. */
    public Start withRewardPipeline(Map<String, Object> pipeline) {
        return new Start(observation, info, context, pipeline);
    }
}
