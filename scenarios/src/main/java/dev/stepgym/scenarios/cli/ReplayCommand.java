package dev.stepgym.scenarios.cli;

import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.replay.RescoreRun;
import dev.stepgym.rewards.replay.TrajectoryImport;
import dev.stepgym.scenarios.replay.ReplayVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepgym replay …}: recorded trajectories re-scored, re-executed, or imported. Originals never change. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Work on recorded trajectories offline: rescore them with another reward pipeline, verify them by "
                + "re-executing their actions, or import trajectories written by other tools. Originals are never changed.",
        subcommands = {ReplayCommand.Rescore.class, ReplayCommand.Verify.class, ReplayCommand.Import.class})
final class ReplayCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "rescore", mixinStandardHelpOptions = true,
            description = "Recompute every step's reward components from its recorded evidence with another pipeline, "
                    + "without starting the environment, and write the results under OUT_DIR (same relative paths).")
    static final class Rescore implements Callable<Integer> {
        @Option(names = "--pipeline", required = true, paramLabel = "P.json", description = "the reward pipeline (docs/rewards.md)")
        Path pipeline;

        @Parameters(index = "0", paramLabel = "IN_DIR", description = "recorded trajectories (*.jsonl, searched recursively)")
        Path in;

        @Option(names = "--out", required = true, paramLabel = "OUT_DIR", description = "where the rescored files go; not inside IN_DIR")
        Path out;

        @Override
        public Integer call() throws IOException {
            PipelineConfig config = PipelineConfig.parseJson(Files.readString(pipeline), pipeline.toString());
            RescoreRun.Summary s = RescoreRun.run(in, config, out, System.err);
            System.out.printf("rescored %d files, %d steps with %s; total reward %.6f; written under %s%n",
                    s.files(), s.steps(), config.digest(), s.totalReturn(), out);
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-execute every recorded episode on a fresh environment (same version, task, seed, options and "
                    + "reward pipeline; forks from their parent's prefix) and report every mismatch in observation, state "
                    + "hash, reward components or flags as file, step, field, expected and got. Exits 1 on any mismatch. "
                    + "Environments that open the server's own web pages in a browser (gui-v1) get them from a loopback "
                    + "page server this command starts.")
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IN_DIR", description = "recorded trajectories (*.jsonl, searched recursively)")
        Path in;

        @Option(names = "--env-setting", paramLabel = "ENV.KEY=VALUE",
                description = "settings the episodes were recorded with, as for serve (e.g. shop-v1.products=20000)")
        List<String> envSettings = new ArrayList<>();

        @Override
        public Integer call() {
            try (ReplayVerifier verifier = new ReplayVerifier(EnvironmentRegistry.discover(), ServeCommand.parseSettings(envSettings))) {
                ReplayVerifier.Report report = verifier.verify(in, System.err);
                report.mismatches().forEach(System.out::println);
                System.out.printf("verified %d files, %d steps: %d mismatches%n", report.files(), report.steps(),
                        report.mismatches().size());
                return report.mismatches().isEmpty() ? 0 : 1;
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Read trajectories written by other tools (JSONL, one episode per line, with steps or chat messages, "
                    + "optional rewards and evidence; docs/replay.md) and write them as StepGym trajectories under OUT_DIR, "
                    + "ready for replay rescore and the transforms.")
    static final class Import implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IN_FILE", description = "the JSONL file to import")
        Path in;

        @Option(names = "--out", required = true, paramLabel = "OUT_DIR", description = "where the trajectories go")
        Path out;

        @Override
        public Integer call() {
            TrajectoryImport.Summary s = TrajectoryImport.run(in, out);
            System.out.printf("imported %d episodes, %d steps under %s%n", s.episodes(), s.steps(), out);
            return 0;
        }
    }
}
