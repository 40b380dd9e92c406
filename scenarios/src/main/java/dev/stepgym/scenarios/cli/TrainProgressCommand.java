package dev.stepgym.scenarios.cli;

import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.rewards.progress.ProgressEpisode;
import dev.stepgym.rewards.progress.ProgressManifest;
import dev.stepgym.rewards.progress.ProgressModelException;
import dev.stepgym.rewards.progress.ProgressTrainer;
import dev.stepgym.rewards.scoring.SharedModels;
import dev.stepgym.scenarios.report.ProgressTrainingHtml;
import dev.stepgym.scenarios.report.Svg;
import dev.stepgym.scenarios.run.ProgressBar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stepgym rewards train-progress --from runs/ --out models/progress-shop/}: trains the SPA
 * progress model on recorded trajectories, shows a progress bar over the epochs, prints the
 * held-out metrics and writes {@code report.html} (loss curve, metrics) into the model folder.
 */
@Command(name = "train-progress", mixinStandardHelpOptions = true,
        description = "Train the SPA progress model (per-step contributions whose sum matches the episode's outcome.score) "
                + "on recorded trajectories; writes a model folder for the progress_attribution signal and an HTML report.")
final class TrainProgressCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "DIR", description = "trajectory file or folder (searched recursively)")
    Path from;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "model folder to write (replaced when it holds a model)")
    Path out;

    @Option(names = "--epochs", defaultValue = "300", description = "full-batch training passes (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--hidden", defaultValue = "32", description = "hidden units of the MLP (default: ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--learning-rate", defaultValue = "0.003", description = "Adam's learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--held-out", defaultValue = "0.2", description = "share of episodes held out for the metrics (default: ${DEFAULT-VALUE})")
    double heldOut;

    @Option(names = "--success-threshold", defaultValue = "0.5",
            description = "outcome counted as success in the ranking figure (default: ${DEFAULT-VALUE})")
    double successThreshold;

    @Option(names = "--seed", defaultValue = "7", description = "random seed of the initial weights (default: ${DEFAULT-VALUE})")
    int seed;

    @Mixin
    ProgressOptions progress;

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(from)) {
            throw new ProgressModelException("--from " + from + " does not exist");
        }
        ProgressTrainer.Options options = new ProgressTrainer.Options(epochs, hidden, learningRate, heldOut, successThreshold, seed);
        Map<Trajectory, String> sources = new IdentityHashMap<>();
        List<Trajectory> trajectories = readWithSources(sources);
        ProgressTrainer.Result result;
        try (ProgressBar bar = ProgressBar.create(System.err, "train-progress (epochs)", epochs, progress.mode())) {
            result = ProgressTrainer.train(trajectories, sources::get, out, options, SharedModels.miniLm(), new ProgressTrainer.Listener() {
                @Override
                public void onFeatures(int steps) {
                    bar.printAbove(() -> System.err.println("embedding " + steps + " steps"));
                    bar.start();
                }

                @Override
                public void onEpoch(int epoch, int total, double loss) {
                    bar.advance(true);
                }
            });
        }
        ProgressManifest m = result.manifest();
        Path report = out.resolve("report.html");
        Files.writeString(report, ProgressTrainingHtml.render(out.toString(), from.toString(), m));
        System.out.printf("trained on %d episodes, held out %d (skipped %d unfinished)%n", m.trainEpisodes(), m.heldOutEpisodes(),
                result.skippedEpisodes());
        System.out.printf("train MSE %s  held-out MSE %s%n", Svg.number(m.metrics().trainMse(), 4), Svg.number(m.metrics().heldOutMse(), 4));
        ProgressManifest.Metrics x = m.metrics();
        System.out.printf("held-out split: stratified by source and outcome class (success: outcome >= %s), seed %d%n",
                Svg.number(x.successThreshold(), 2), m.split().seed());
        System.out.printf("held-out mean step contribution: successful %s  failed %s  (step AUC successful over failed %s)%n",
                Svg.number(x.meanStepSuccess(), 4), Svg.number(x.meanStepFailure(), 4), Svg.number(x.stepAucSuccess(), 3));
        for (ProgressManifest.SourceFigures f : x.sources()) {
            System.out.printf("  source %-20s %4d episodes  mean outcome %s  held out %d (%d steps)  held-out mean step contribution %s%n",
                    f.source().isEmpty() ? "(none)" : f.source(), f.episodes(), Svg.number(f.meanOutcome(), 3), f.heldOutEpisodes(),
                    f.heldOutSteps(), Svg.number(f.meanStep(), 4));
        }
        for (ProgressManifest.Ranking r : x.rankings()) {
            System.out.printf("held-out step AUC %s over %s: %s%n", r.better(), r.worse(), Svg.number(r.stepAuc(), 3));
        }
        System.out.println("model " + out + "  report " + report);
        return 0;
    }

    /**
     * The trajectories under {@code --from}, each with its source: the first folder under
     * {@code --from} its file lies in (one {@code stepgym run --record-dir} each, usually one
     * agent), or for a file directly in {@code --from} (or {@code --from} a file) its header's scenario.
     */
    private List<Trajectory> readWithSources(Map<Trajectory, String> sources) throws IOException {
        if (!Files.isDirectory(from)) {
            List<Trajectory> one = TrajectoryReader.readAll(from);
            one.forEach(t -> sources.put(t, ProgressEpisode.sourceOf(t)));
            return one;
        }
        List<Path> files;
        try (Stream<Path> paths = Files.walk(from)) {
            files = paths.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p)).sorted().toList();
        }
        List<Trajectory> all = new ArrayList<>();
        for (Path file : files) {
            Trajectory t = TrajectoryReader.read(file);
            Path relative = from.relativize(file);
            sources.put(t, relative.getNameCount() > 1 ? relative.getName(0).toString() : ProgressEpisode.sourceOf(t));
            all.add(t);
        }
        return all;
    }
}
