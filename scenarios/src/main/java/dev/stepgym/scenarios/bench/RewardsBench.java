package dev.stepgym.scenarios.bench;

import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.agents.rollout.StepListener;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardPipeline;
import dev.stepgym.rewards.pipeline.TransformChain;
import dev.stepgym.rewards.replay.RescoreRun;
import dev.stepgym.rewards.transform.TrajectoryGroup;
import dev.stepgym.rewards.transform.TrajectoryRewards;
import dev.stepgym.scenarios.replay.ReplayVerifier;
import dev.stepgym.scenarios.run.ScenarioRunner;
import dev.stepgym.scenarios.scenario.Scenario;
import dev.stepgym.scenarios.scenario.ScenarioLoader;
import dev.stepgym.scenarios.server.ScenarioConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code stepgym bench rewards}: side by side in one run, over the same recorded steps,
 * <ul>
 *   <li>re-scoring them from their evidence with the environment's rule-based default pipeline
 *       ({@code replay rescore}: read, score, write), against re-executing them on fresh
 *       environments ({@code replay verify}: reset, step, hash, compare); target: rescoring ≥ 50×;</li>
 *   <li>the credit transforms over task groups of those trajectories, in trajectories per second;</li>
 *   <li>per-step progress inference ({@code progress_attribution}'s model, trained here on those
 *       steps) from 64 threads through its micro-batcher, against raw DJL batch inference of the
 *       same steps ({@link ProgressBench}; target ≥ 0.8);</li>
 *   <li>searchqa at 64 concurrent episodes, each on its own WebSocket (target ≥ 1,000 steps/s, p99 ≤ 100 ms).</li>
 * </ul>
 * The steps are recorded first by random and oracle shop agents through an embedded server.
 */
public final class RewardsBench {
    private RewardsBench() {}

    /**
     * @param steps          recorded steps to reach at least
     * @param transformLoops passes over all task groups per transform
     * @param codeTasks      code-v1 tasks whose oracle episodes are also measured (0: none)
     * @param searchQaLoad   the searchqa many-socket load ({@link SearchQaBench#runLoad}) on the small world; null: none
     * @param progressSteps  recorded steps scored by each side of the progress-inference comparison (0: none)
     */
    public record Settings(int steps, int transformLoops, int codeTasks, SearchQaBench.Load searchQaLoad, int progressSteps) {
        /** Without the progress-inference comparison. */
        public Settings(int steps, int transformLoops, int codeTasks, SearchQaBench.Load searchQaLoad) {
            this(steps, transformLoops, codeTasks, searchQaLoad, 0);
        }
    }

    public static void run(Settings settings, PrintStream out) throws IOException {
        Path root = Files.createTempDirectory("stepgym-bench-rewards-");
        try {
            Path runs = root.resolve("runs");
            int recorded = record(runs, settings.steps(), out);
            List<Trajectory> trajectories = TrajectoryReader.readAll(runs);
            PipelineConfig pipeline = PipelineConfig.parse(trajectories.get(0).header().rewardPipeline(), "header");
            out.printf(Locale.ROOT, "recorded %d shop-v1 steps in %d episodes; pipeline %s%n", recorded, trajectories.size(),
                    RewardPipeline.of(pipeline).names());

            // Warm both paths once on a slice, so neither pays class loading or index opening in the timed run.
            RescoreRun.run(runs, pipeline, root.resolve("warm"), null);
            try (ReplayVerifier verifier = new ReplayVerifier(EnvironmentRegistry.discover(), Map.of())) {
                verifier.verify(runs.resolve("shop-v1"), null);
                long t0 = System.nanoTime();
                ReplayVerifier.Report report = verifier.verify(runs, null);
                double reexecute = seconds(t0);
                if (!report.mismatches().isEmpty()) {
                    out.println("re-execution found " + report.mismatches().size() + " mismatches, e.g. " + report.mismatches().get(0));
                }
                long t1 = System.nanoTime();
                RescoreRun.Summary summary = RescoreRun.run(runs, pipeline, root.resolve("rescored"), null);
                double rescore = seconds(t1);
                double rescoreRate = summary.steps() / rescore;
                double reexecuteRate = report.steps() / reexecute;
                out.printf(Locale.ROOT, "%-34s %10s %12s%n", "path", "steps", "steps/s");
                out.printf(Locale.ROOT, "%-34s %10d %12.0f%n", "replay rescore (read, score, write)", summary.steps(), rescoreRate);
                out.printf(Locale.ROOT, "%-34s %10d %12.0f%n", "replay verify (re-execute)", report.steps(), reexecuteRate);
                out.printf(Locale.ROOT, "rescore / re-execute: %.1fx (target >= 50x: %s)%n", rescoreRate / reexecuteRate,
                        rescoreRate / reexecuteRate >= 50 ? "met" : "NOT met");
            }
            transforms(trajectories, settings.transformLoops(), out);
            if (settings.progressSteps() > 0) {
                ProgressBench.run(trajectories, settings.progressSteps(), root, out);
            }
            if (settings.codeTasks() > 0) {
                code(root.resolve("code"), settings.codeTasks(), out);
            }
            if (settings.searchQaLoad() != null && settings.searchQaLoad().episodes() > 0) {
                // The small world: its corpus texts embed once in minutes (the default world's would take
                // hours on two cores before the first measured step); `bench searchqa` takes any world.
                out.printf(Locale.ROOT, "%nsearchqa-v1 (small world) under load (model scoring batched across episodes)%n");
                SearchQaBench.runLoad(settings.searchQaLoad(), Map.of("world", "small"), out);
            }
        } finally {
            deleteQuietly(root);
        }
    }

    /**
     * The same comparison on code-v1, where a step is a language-server round trip or a sandboxed
     * test run: the oracle's episodes over the first tasks of the built-in suite.
     */
    private static void code(Path root, int tasks, PrintStream out) {
        Path suite = dev.stepgym.envs.code.CodeStore.builtInSuite();
        List<String> ids = dev.stepgym.envs.code.task.CodeTaskLoader.loadAll(suite).stream()
                .map(dev.stepgym.envs.code.task.CodeTask::id).limit(tasks).toList();
        Map<String, String> envSettings = Map.of("tasks_dir", suite.toString());
        Scenario scenario = new Scenario("bench-rewards-code", "oracle over the first built-in tasks",
                dev.stepgym.envs.code.CodeEnvironmentProvider.ID, "test", ids, new Scenario.Seeds(0, ids.size()), "oracle-code",
                Map.of(), true, Map.of(), null, dev.stepgym.envs.code.CodeEnvironmentProvider.MAX_STEPS, envSettings, 1);
        Path runs = root.resolve("runs");
        try (RunningServer server = RunningServer.start(ScenarioConfig.forScenario(scenario, runs), ScenarioConfig.registry(scenario))) {
            ScenarioRunner.run(scenario, server, StepListener.NONE);
        }
        List<Trajectory> trajectories = TrajectoryReader.readAll(runs);
        PipelineConfig pipeline = PipelineConfig.parse(trajectories.get(0).header().rewardPipeline(), "header");
        try (ReplayVerifier verifier = new ReplayVerifier(EnvironmentRegistry.discover(),
                Map.of(scenario.env(), envSettings))) {
            long t0 = System.nanoTime();
            ReplayVerifier.Report report = verifier.verify(runs, null);
            double reexecute = seconds(t0);
            long t1 = System.nanoTime();
            RescoreRun.Summary summary = RescoreRun.run(runs, pipeline, root.resolve("rescored"), null);
            double rescore = seconds(t1);
            out.printf(Locale.ROOT, "%ncode-v1, oracle over %d tasks (real pyright, sandboxed tests)%n", ids.size());
            out.printf(Locale.ROOT, "%-34s %10s %12s%n", "path", "steps", "steps/s");
            out.printf(Locale.ROOT, "%-34s %10d %12.0f%n", "replay rescore (read, score, write)", summary.steps(), summary.steps() / rescore);
            out.printf(Locale.ROOT, "%-34s %10d %12.1f%n", "replay verify (re-execute)", report.steps(), report.steps() / reexecute);
            double ratio = (summary.steps() / rescore) / (report.steps() / reexecute);
            out.printf(Locale.ROOT, "rescore / re-execute: %.0fx (target >= 50x: %s)%s%n", ratio, ratio >= 50 ? "met" : "NOT met",
                    report.mismatches().isEmpty() ? "" : "; " + report.mismatches().size() + " mismatches");
        }
    }

    private static int record(Path runs, int target, PrintStream out) {
        Scenario random = ScenarioLoader.load("shop-random");
        Scenario oracle = ScenarioLoader.load("shop-oracle");
        int steps = 0;
        int round = 0;
        // The oracle's server: it lets agents ask for the privileged goal (the random agent does not).
        try (RunningServer server = RunningServer.start(ScenarioConfig.forScenario(oracle, runs), ScenarioConfig.registry(oracle))) {
            while (steps < target) {
                Scenario batch = (round % 4 == 3 ? oracle : random).withEpisodes(200);
                batch = new Scenario(batch.name(), batch.description(), batch.env(), batch.split(), batch.tasks(),
                        new Scenario.Seeds(round * 1000L, 200), batch.agent(), batch.options(), batch.allowPrivileged(),
                        batch.rewardWeights(), batch.rewardPipeline(), batch.maxSteps(), batch.envSettings(), batch.concurrency());
                steps += ScenarioRunner.run(batch, server, StepListener.NONE).stream().mapToInt(r -> r.steps()).sum();
                round++;
                out.printf(Locale.ROOT, "\rrecording: %d steps", steps);
            }
        }
        out.println();
        return steps;
    }

    private static void transforms(List<Trajectory> trajectories, int loops, PrintStream out) {
        Map<String, List<TrajectoryRewards>> groups = new LinkedHashMap<>();
        for (Trajectory t : trajectories) {
            if (t.steps().isEmpty()) {
                continue;
            }
            groups.computeIfAbsent(t.header().task(), k -> new ArrayList<>()).add(TransformChain.trajectory(t.episodeId(),
                    t.steps().stream().map(TrajectoryRecord.StepLine::rewards).toList(),
                    t.steps().stream().map(TrajectoryRecord.StepLine::stateHash).toList()));
        }
        List<TrajectoryGroup> grouped = groups.values().stream().map(TrajectoryGroup::new).toList();
        int members = grouped.stream().mapToInt(TrajectoryGroup::size).sum();
        out.printf(Locale.ROOT, "%ntransforms over %d task groups (%d trajectories), %d passes each%n", grouped.size(), members, loops);
        out.printf(Locale.ROOT, "%-16s %16s%n", "transform", "trajectories/s");
        for (String name : List.of("returns_to_go", "pure_min_form", "grpo", "rloo", "gigpo", "igpo")) {
            TransformChain chain = RewardPipeline.of(PipelineConfig.parse(Map.of("signals", List.of(Map.of("name", "invalid_action")),
                    "transforms", List.of(Map.of("name", name))), "bench"), "bench").transforms();
            for (TrajectoryGroup g : grouped) {
                chain.offline(g); // warm-up
            }
            long t0 = System.nanoTime();
            double sink = 0;
            for (int i = 0; i < loops; i++) {
                for (TrajectoryGroup g : grouped) {
                    sink += chain.offline(g).get(0).size();
                }
            }
            double s = seconds(t0);
            out.printf(Locale.ROOT, "%-16s %16.0f%s%n", name, members * (double) loops / s, sink < 0 ? "!" : "");
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp folder is not worth failing a bench for
        }
    }
}
