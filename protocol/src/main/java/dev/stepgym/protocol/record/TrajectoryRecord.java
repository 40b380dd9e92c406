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
     * @param rewardConfigDigest  sha256 of the reward weight overrides in force, so re-scoring knows what it replaces
     * @param parentEpisodeId     for a fork: the episode it was forked from, else null
     * @param parentStep          for a fork: the parent's step count at the fork, else null
     */
    record Header(String episodeId, String env, String envVersion, String task, long seed, String scenario,
                  String rewardConfigDigest,
                  @JsonInclude(JsonInclude.Include.NON_NULL) String parentEpisodeId,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Integer parentStep,
                  Map<String, Object> options) implements TrajectoryRecord {
        public Header {
            options = options == null ? Map.of() : options;
        }
    }

    /** One step, exactly as the client saw it, plus the time the environment took. */
    record StepLine(int step, Action action, Observation observation, List<RewardComponent> rewards, double reward,
                    boolean terminated, boolean truncated, String stateHash, Map<String, Object> info,
                    long elapsedMs) implements TrajectoryRecord {
        public StepLine {
            rewards = rewards == null ? List.of() : rewards;
            info = info == null ? Map.of() : info;
        }
    }

    /**
     * The last line.
     *
     * @param totalReturn sum of the step rewards recorded in this file (on the wire: {@code return})
     * @param reason      {@code closed}, {@code expired} or {@code shutdown}
     */
    record End(int steps, @JsonProperty("return") double totalReturn, Map<String, Object> outcome, String reason)
            implements TrajectoryRecord {
        public static final String CLOSED = "closed";
        public static final String EXPIRED = "expired";
        public static final String SHUTDOWN = "shutdown";

        public End {
            outcome = outcome == null ? Map.of() : outcome;
        }
    }
}
