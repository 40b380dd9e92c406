package dev.stepgym.rewards.progress;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.rewards.embed.TextEmbedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Trains the SPA progress model: ĉ_t = MLP(features of step t), loss = MSE(Σ_t ĉ_t, R) over whole
 * episodes (reward-methods §2.3), full batch, Adam. A fifth of the episodes is held out for the
 * metrics, stratified by source and outcome class and seeded ({@link ProgressSplit}; recorded in
 * the manifest). The folder is written to a temporary sibling and
 * moved into place only when complete, so a failed run leaves no partial model.
 *
 * <pre>{@code
 * ProgressTrainer.Result r = ProgressTrainer.train(TrajectoryReader.readAll(runs), out,
 *         ProgressTrainer.Options.defaults(), SharedModels.miniLm(), ProgressTrainer.Listener.NONE);
 * }</pre>
 */
public final class ProgressTrainer {

    private ProgressTrainer() {
    }

    /**
     * @param epochs           full-batch passes
     * @param hidden           hidden units
     * @param learningRate     Adam's learning rate
     * @param heldOutFraction  share of episodes kept out of training, in (0, 0.5]
     * @param successThreshold outcome at or above which an episode counts as successful (metrics only)
     * @param seed             PyTorch's random seed (initial weights) and the held-out split's
     */
    public record Options(int epochs, int hidden, double learningRate, double heldOutFraction, double successThreshold, int seed) {
        public Options {
            if (epochs < 1 || hidden < 1 || !(learningRate > 0) || !(heldOutFraction > 0 && heldOutFraction <= 0.5)) {
                throw new IllegalArgumentException("progress training needs epochs ≥ 1, hidden ≥ 1, learning rate > 0 and a held-out"
                        + " fraction in (0, 0.5]; got " + epochs + ", " + hidden + ", " + learningRate + ", " + heldOutFraction);
            }
        }

        public static Options defaults() {
            return new Options(300, 32, 0.003, 0.2, 0.5, 7);
        }
    }

    /** Hears about training as it goes (a progress bar). */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** Features are being computed for this many steps (the slow part: embeddings). */
        default void onFeatures(int steps) {
        }

        default void onEpoch(int epoch, int epochs, double loss) {
        }
    }

    /** What was written. */
    public record Result(Path dir, ProgressManifest manifest, int skippedEpisodes) {
    }

    /**
     * Trains on the trajectories and writes the model folder {@code out}, replacing a model folder
     * already there.
     *
     * @throws ProgressModelException for training data without outcomes, fewer than 5 usable
     *         episodes, one outcome only, a non-finite loss, or an {@code out} that is something else
     */
    public static Result train(List<Trajectory> trajectories, Path out, Options options, TextEmbedder embedder, Listener listener) {
        return train(trajectories, ProgressEpisode::sourceOf, out, options, embedder, listener);
    }

    /**
     * {@link #train(List, Path, Options, TextEmbedder, Listener)} with the episodes' sources given
     * (the CLI: the folder under {@code --from} each file lies in), which stratify the held-out
     * split and label the held-out figures.
     */
    public static Result train(List<Trajectory> trajectories, Function<Trajectory, String> source, Path out, Options options,
                               TextEmbedder embedder, Listener listener) {
        if (Files.exists(out) && !Files.isRegularFile(out.resolve(ProgressManifest.FILE)) && !isEmptyDir(out)) {
            throw new ProgressModelException(out + " exists and is not a progress model folder; choose another --out");
        }
        List<ProgressEpisode> episodes = new ArrayList<>();
        for (Trajectory t : trajectories) {
            ProgressEpisode e = ProgressEpisode.of(t, source.apply(t));
            if (e != null) {
                episodes.add(e);
            }
        }
        int skipped = trajectories.size() - episodes.size();
        if (trajectories.isEmpty()) {
            throw new ProgressModelException("no trajectories to train on");
        }
        if (trajectories.stream().noneMatch(ProgressEpisode::hasOutcome)) {
            throw new ProgressModelException("training data without outcomes: none of the " + trajectories.size()
                    + " trajectories has outcome." + ProgressEpisode.OUTCOME_FIELD + " on its end line");
        }
        if (episodes.size() < 5) {
            throw new ProgressModelException("only " + episodes.size() + " usable episodes (finished, with steps); need at least 5");
        }
        if (episodes.stream().mapToDouble(ProgressEpisode::outcome).distinct().count() < 2) {
            throw new ProgressModelException("one-class training set: every one of the " + episodes.size()
                    + " episodes has outcome " + episodes.get(0).outcome() + "; the model needs both better and worse episodes");
        }
        ProgressSplit.Assignment split = ProgressSplit.assign(episodes, options.heldOutFraction(), options.successThreshold(),
                options.seed());
        List<ProgressEpisode> train = split.train();
        List<ProgressEpisode> heldOut = split.heldOut();
        if (train.stream().mapToDouble(ProgressEpisode::outcome).distinct().count() < 2) {
            throw new ProgressModelException("one-class training split: after holding out " + heldOut.size()
                    + " episodes, every training episode has the same outcome; record more varied episodes");
        }
        String digest = digest(train, heldOut);
        int width = ProgressFeatures.width(embedder.dimension());
        listener.onFeatures(train.stream().mapToInt(e -> e.evidence().size()).sum()
                + heldOut.stream().mapToInt(e -> e.evidence().size()).sum());
        List<float[][]> trainX = features(train, embedder);
        List<float[][]> heldX = features(heldOut, embedder);

        Engine.getEngine(ProgressMlp.ENGINE).setRandomSeed(options.seed());
        try (Model model = ProgressMlp.newModel(options.hidden())) {
            List<Double> curve = fit(model, trainX, outcomes(train), width, options, listener);
            double trainMse = mse(model, trainX, outcomes(train), width);
            double heldMse = mse(model, heldX, outcomes(heldOut), width);
            List<double[]> heldC = new ArrayList<>();
            for (float[][] x : heldX) {
                heldC.add(toDoubles(ProgressMlp.contributions(model, x, width)));
            }
            ProgressManifest.Metrics metrics = heldOutFigures(episodes, heldOut, heldC, trainMse, heldMse, options.successThreshold());
            ProgressManifest manifest = new ProgressManifest(ProgressManifest.FORMAT, ProgressManifest.VERSION,
                    ProgressFeatures.SPEC, embedder.name(), width, options.hidden(), digest, train.size(), heldOut.size(),
                    metrics, curve, split.split());
            write(model, manifest, out);
            return new Result(out, manifest, skipped);
        }
    }

    private static List<Double> fit(Model model, List<float[][]> xs, double[] outcomes, int width, Options options, Listener listener) {
        int steps = xs.stream().mapToInt(x -> x.length).sum();
        float[][] rows = new float[steps][];
        float[] membership = new float[xs.size() * steps];
        int row = 0;
        for (int e = 0; e < xs.size(); e++) {
            for (float[] r : xs.get(e)) {
                membership[e * steps + row] = 1f;
                rows[row++] = r;
            }
        }
        float[] r = new float[outcomes.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) outcomes[i];
        }
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                .optDevices(new Device[] {model.getNDManager().getDevice()}) // the model's, not every GPU the engine sees
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) options.learningRate())).build());
        List<Double> curve = new ArrayList<>();
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(1, width));
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                double loss;
                try (NDManager sub = model.getNDManager().newSubManager()) {
                    NDArray x = ProgressMlp.matrix(sub, rows, width);
                    NDArray m = sub.create(membership, new Shape(xs.size(), steps));
                    NDArray target = sub.create(r);
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray c = trainer.forward(new NDList(x)).singletonOrThrow();
                        NDArray sums = m.matMul(c).reshape(xs.size());
                        NDArray mse = sums.sub(target).square().mean();
                        loss = mse.getFloat();
                        if (!Double.isFinite(loss)) {
                            throw new ProgressModelException("the training loss became " + loss + " at epoch " + epoch
                                    + "; lower the learning rate (now " + options.learningRate() + ")");
                        }
                        collector.backward(mse);
                    }
                    trainer.step();
                }
                curve.add(loss);
                listener.onEpoch(epoch, options.epochs(), loss);
            }
        }
        return curve;
    }

    private static double mse(Model model, List<float[][]> xs, double[] outcomes, int width) {
        double sum = 0;
        for (int e = 0; e < xs.size(); e++) {
            double total = 0;
            for (float c : ProgressMlp.contributions(model, xs.get(e), width)) {
                total += c;
            }
            sum += (total - outcomes[e]) * (total - outcomes[e]);
        }
        return sum / xs.size();
    }

    /**
     * The held-out figures from the held-out episodes' ĉ: mean ĉ_t and the step AUC of successful
     * over failed episodes, per-source means, and the step AUC of each source over every source
     * whose episodes (all of them, held out or not) have a lower mean outcome.
     */
    static ProgressManifest.Metrics heldOutFigures(List<ProgressEpisode> all, List<ProgressEpisode> heldOut, List<double[]> heldC,
                                                   double trainMse, double heldMse, double threshold) {
        List<Double> success = new ArrayList<>();
        List<Double> failure = new ArrayList<>();
        Map<String, List<Double>> bySource = new TreeMap<>();
        Map<String, Integer> heldBySource = new TreeMap<>();
        for (int e = 0; e < heldOut.size(); e++) {
            ProgressEpisode episode = heldOut.get(e);
            List<Double> side = episode.outcome() >= threshold ? success : failure;
            List<Double> source = bySource.computeIfAbsent(episode.source(), k -> new ArrayList<>());
            heldBySource.merge(episode.source(), 1, Integer::sum);
            for (double c : heldC.get(e)) {
                side.add(c);
                source.add(c);
            }
        }
        Map<String, double[]> outcomes = new TreeMap<>();
        for (ProgressEpisode e : all) {
            double[] sumAndCount = outcomes.computeIfAbsent(e.source(), k -> new double[2]);
            sumAndCount[0] += e.outcome();
            sumAndCount[1]++;
        }
        List<ProgressManifest.SourceFigures> sources = new ArrayList<>();
        for (Map.Entry<String, double[]> o : outcomes.entrySet()) {
            List<Double> steps = bySource.getOrDefault(o.getKey(), List.of());
            sources.add(new ProgressManifest.SourceFigures(o.getKey(), (int) o.getValue()[1], o.getValue()[0] / o.getValue()[1],
                    heldBySource.getOrDefault(o.getKey(), 0), steps.size(), mean(steps)));
        }
        List<ProgressManifest.Ranking> rankings = new ArrayList<>();
        List<ProgressManifest.SourceFigures> byOutcome = sources.stream()
                .sorted(Comparator.comparingDouble(ProgressManifest.SourceFigures::meanOutcome).reversed()).toList();
        for (int i = 0; i < byOutcome.size(); i++) {
            for (int j = i + 1; j < byOutcome.size(); j++) {
                ProgressManifest.SourceFigures better = byOutcome.get(i);
                ProgressManifest.SourceFigures worse = byOutcome.get(j);
                if (better.meanOutcome() > worse.meanOutcome()) {
                    rankings.add(new ProgressManifest.Ranking(better.source(), worse.source(),
                            ProgressStats.auc(doubles(bySource.getOrDefault(better.source(), List.of())),
                                    doubles(bySource.getOrDefault(worse.source(), List.of())))));
                }
            }
        }
        return new ProgressManifest.Metrics(trainMse, heldMse, threshold, mean(success), mean(failure),
                ProgressStats.auc(doubles(success), doubles(failure)), sources, rankings);
    }

    private static double mean(List<Double> values) {
        return values.isEmpty() ? Double.NaN : values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double[] doubles(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static List<float[][]> features(List<ProgressEpisode> episodes, TextEmbedder embedder) {
        List<Map<String, Object>> evidence = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        for (ProgressEpisode e : episodes) {
            for (int i = 0; i < e.evidence().size(); i++) {
                evidence.add(e.evidence().get(i));
                steps.add(i + 1);
            }
        }
        float[][] all = new float[0][];
        List<float[][]> out = new ArrayList<>();
        int chunk = 256;
        List<float[]> rows = new ArrayList<>();
        for (int from = 0; from < evidence.size(); from += chunk) {
            int to = Math.min(evidence.size(), from + chunk);
            rows.addAll(List.of(ProgressFeatures.of(evidence.subList(from, to), steps.subList(from, to), embedder)));
        }
        int at = 0;
        for (ProgressEpisode e : episodes) {
            out.add(rows.subList(at, at + e.evidence().size()).toArray(all));
            at += e.evidence().size();
        }
        return out;
    }

    private static double[] outcomes(List<ProgressEpisode> episodes) {
        return episodes.stream().mapToDouble(ProgressEpisode::outcome).toArray();
    }

    private static String digest(List<ProgressEpisode> train, List<ProgressEpisode> heldOut) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("train", train);
        all.put("held_out", heldOut);
        return Json.sha256(all);
    }

    private static void write(Model model, ProgressManifest manifest, Path out) {
        Path parent = out.toAbsolutePath().getParent();
        Path tmp = null;
        Path old = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp-");
            model.save(tmp, ProgressManifest.PARAMS_PREFIX);
            Files.writeString(tmp.resolve(ProgressManifest.FILE), Json.write(manifest));
            if (Files.exists(out)) {
                old = Files.createTempDirectory(parent, "." + out.getFileName() + ".old-");
                Files.delete(old);
                move(out, old);
            }
            move(tmp, out);
            tmp = null;
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write progress model " + out + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static boolean isEmptyDir(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover temporary folder is hidden (dot name) and harmless
        }
    }
}
