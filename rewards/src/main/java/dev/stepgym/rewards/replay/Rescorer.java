package dev.stepgym.rewards.replay;

import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.rewards.pipeline.EpisodeRewards;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardPipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Recomputes a recorded trajectory's components from its evidence with a pipeline: the header's
 * context and each step's evidence go through the pipeline's signals in order, exactly as they
 * did online, so the default pipeline gives back the recorded components bit for bit. A fork's
 * file holds only its own steps: the parent's evidence up to the fork is given as the history
 * its signals saw.
 */
public final class Rescorer {
    private final RewardPipeline pipeline;

    public Rescorer(PipelineConfig config) {
        this.pipeline = RewardPipeline.of(config);
    }

    public RewardPipeline pipeline() {
        return pipeline;
    }

    /**
     * @param parentEvidence for a fork, the evidence of the parent's steps before the fork; else empty
     * @throws ReplayException naming the file and line of a step whose evidence a signal cannot read
     */
    public Rescored rescore(Path file, Trajectory trajectory, List<Map<String, Object>> parentEvidence) {
        TrajectoryRecord.Header h = trajectory.header();
        EpisodeRewards rewards = pipeline.episode(h.context(), parentEvidence);
        List<TrajectoryRecord.StepLine> steps = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < trajectory.steps().size(); i++) {
            TrajectoryRecord.StepLine s = trajectory.steps().get(i);
            List<RewardComponent> components;
            try {
                components = rewards.score(s.evidence()).join();
            } catch (CompletionException | IllegalArgumentException e) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                throw new ReplayException(file, i + 2, "step " + s.step() + ": " + cause.getMessage(), cause);
            }
            double reward = RewardComponent.total(components);
            total += reward;
            steps.add(new TrajectoryRecord.StepLine(s.step(), s.action(), s.observation(), components, reward, s.terminated(),
                    s.truncated(), s.stateHash(), s.info(), s.elapsedMs(), s.evidence()));
        }
        TrajectoryRecord.Header header = new TrajectoryRecord.Header(h.episodeId(), h.env(), h.envVersion(), h.task(), h.seed(),
                h.scenario(), pipeline.config().digest(), h.parentEpisodeId(), h.parentStep(), h.options(), h.context(),
                pipeline.config().toJson(), h.maxSteps());
        TrajectoryRecord.End end = trajectory.end() == null ? null
                : new TrajectoryRecord.End(trajectory.end().steps(), total, trajectory.end().outcome(), trajectory.end().reason());
        return new Rescored(header, steps, end);
    }

    /** A rescored trajectory: the header names the new pipeline; the end line, if any, the new return. */
    public record Rescored(TrajectoryRecord.Header header, List<TrajectoryRecord.StepLine> steps, TrajectoryRecord.End end) {
        public Rescored {
            steps = List.copyOf(steps);
        }

        /** Every line, in file order. */
        public List<TrajectoryRecord> records() {
            List<TrajectoryRecord> all = new ArrayList<>();
            all.add(header);
            all.addAll(steps);
            if (end != null) {
                all.add(end);
            }
            return all;
        }

        public Rescored withEnd(TrajectoryRecord.End newEnd) {
            return new Rescored(header, steps, newEnd);
        }
    }
}
