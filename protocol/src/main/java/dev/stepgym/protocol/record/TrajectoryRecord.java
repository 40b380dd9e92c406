package dev.stepgym.protocol.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.RewardComponent;

import java.util.List;
import java.util.Map;

/**
 * One line of a trajectory file. The {@code "type"} field tells the kinds apart:
 * {@code episode} (the header), {@code step} and {@code end}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TrajectoryRecord.Header.class, name = "episode"),
        @JsonSubTypes.Type(value = TrajectoryRecord.StepLine.class, name = "step"),
        @JsonSubTypes.Type(value = TrajectoryRecord.End.class, name = "end")})
public sealed interface TrajectoryRecord {

    /**
     * The first line: what the episode is and how it was started.
     *
     * @param envVersion          the version part of the env id ({@code v1})
     * @param rewardConfigDigest  sha256 of the canonical JSON of {@code rewardPipeline} (of {@code {}} when the
     *                            environment scores itself), so re-scoring knows what it replaces
     * @param parentEpisodeId     for a fork: the episode it was forked from, else null
     * @param parentStep          for a fork: the parent's step count at the fork, else null
     * @param context             what the episode's reward signals know of its task (see
     *                            {@code Start.context}): with the steps' evidence, enough to re-score
     * @param rewardPipeline      the reward pipeline in force (signals, weights, parameters,
     *                            transforms); {@code rewardConfigDigest} is its digest
     * @param maxSteps            the step limit in force (a truncation at this step is the server's)
     */
    record Header(String episodeId, String env, String envVersion, String task, long seed, String scenario,
                  String rewardConfigDigest,
                  @JsonInclude(JsonInclude.Include.NON_NULL) String parentEpisodeId,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Integer parentStep,
                  Map<String, Object> options,
                  @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> context,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> rewardPipeline,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxSteps) implements TrajectoryRecord {
        public Header {
            options = options == null ? Map.of() : options;
            context = context == null ? Map.of() : context;
        }

        public Header(String episodeId, String env, String envVersion, String task, long seed, String scenario,
                      String rewardConfigDigest, String parentEpisodeId, Integer parentStep, Map<String, Object> options) {
            this(episodeId, env, envVersion, task, seed, scenario, rewardConfigDigest, parentEpisodeId, parentStep,
                    options, Map.of(), null, null);
        }

        public Header(String episodeId, String env, String envVersion, String task, long seed, String scenario,
                      String rewardConfigDigest, String parentEpisodeId, Integer parentStep, Map<String, Object> options,
                      Map<String, Object> context, Map<String, Object> rewardPipeline) {
            this(episodeId, env, envVersion, task, seed, scenario, rewardConfigDigest, parentEpisodeId, parentStep,
                    options, context, rewardPipeline, null);
        }
    }

    /**
     * One step, exactly as the client saw it, plus what happened ({@code evidence}, from which the
     * reward layer computed {@code rewards}) and the time the environment took.
     */
    record StepLine(int step, Action action, Observation observation, List<RewardComponent> rewards, double reward,
                    boolean terminated, boolean truncated, String stateHash, Map<String, Object> info,
                    long elapsedMs,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> evidence) implements TrajectoryRecord {
        public StepLine {
            rewards = rewards == null ? List.of() : rewards;
            info = info == null ? Map.of() : info;
            evidence = evidence == null ? Map.of() : evidence;
        }

        public StepLine(int step, Action action, Observation observation, List<RewardComponent> rewards, double reward,
                        boolean terminated, boolean truncated, String stateHash, Map<String, Object> info, long elapsedMs) {
            this(step, action, observation, rewards, reward, terminated, truncated, stateHash, info, elapsedMs, Map.of());
        }
    }

    /**
     * The last line.
     *
     * @param totalReturn sum of the step rewards recorded in this file (on the wire: {@code return})
     * @param reason      {@code closed}, {@code expired} or {@code shutdown}
     * @param returns     per-step values after the reward pipeline's trajectory transforms, when it has any
     */
    record End(int steps, @JsonProperty("return") double totalReturn, Map<String, Object> outcome, String reason,
               @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> returns)
            implements TrajectoryRecord {
        public static final String CLOSED = "closed";
        public static final String EXPIRED = "expired";
        public static final String SHUTDOWN = "shutdown";

        public End {
            outcome = outcome == null ? Map.of() : outcome;
            returns = returns == null ? null : List.copyOf(returns);
        }

        public End(int steps, double totalReturn, Map<String, Object> outcome, String reason) {
            this(steps, totalReturn, outcome, reason, null);
        }
    }
}
