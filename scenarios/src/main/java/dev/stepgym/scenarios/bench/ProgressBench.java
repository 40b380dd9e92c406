package dev.stepgym.scenarios.bench;

import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.rewards.embed.BatchingEmbedder;
import dev.stepgym.rewards.embed.TextEmbedder;
import dev.stepgym.rewards.progress.ProgressFeatures;
import dev.stepgym.rewards.progress.ProgressModel;
import dev.stepgym.rewards.progress.ProgressTrainer;
import dev.stepgym.rewards.scoring.SharedModels;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The progress-inference part of {@code stepgym bench rewards}: a small progress model is trained
 * on recorded shop steps, then the same steps are scored by it two ways, embedding included on
 * both sides (a step's features are its MiniLM embedding plus numeric features, so the embedding
 * is most of the work and the batching must carry it too):
 * <ul>
 *   <li>raw: DJL batch inference from one thread, {@link #BATCH} steps per call: one MiniLM
 *       predictor call on their texts, then one MLP forward pass on their feature rows;</li>
 *   <li>batched: {@link #THREADS} threads each scoring one step at a time through
 *       {@link ProgressModel#submit}, the path of the {@code progress_attribution} signal, whose
 *       micro-batcher embeds through a {@link BatchingEmbedder} over the same MiniLM.</li>
 * </ul>
 * Neither side keeps a vector cache (the signal's shared MiniLM does in a server), so both embed
 * every step. Target: batched ≥ 0.8 × raw.
 */
final class ProgressBench {
    /** Concurrent episodes on the batched side. */
    static final int THREADS = 64;
    /** Steps per raw call, and the batcher's largest pass. */
    static final int BATCH = ProgressModel.MAX_BATCH;
    /** Training is only there to give real weights: a few epochs over at most this many steps. */
    private static final int TRAIN_STEPS = 400;
    private static final ProgressTrainer.Options TRAINING = new ProgressTrainer.Options(5, 32, 0.003, 0.2, 0.5, 7);

    private ProgressBench() {
    }

    /**
     * One side-by-side measurement.
     *
     * @param rawStepsPerCpuSecond     raw steps per second of this process's CPU time (all threads)
     * @param batchedStepsPerCpuSecond the same for the batched side: what batching costs however busy the machine is
     * @param maxDifference            largest |raw − batched| ĉ_t over the measured steps
     */
    record Result(int steps, double rawStepsPerSecond, double batchedStepsPerSecond, double rawStepsPerCpuSecond,
                  double batchedStepsPerCpuSecond, double meanBatch, double maxDifference) {
        /** Wall-clock throughput, batched over raw: the figure the target is on. */
        double ratio() {
            return batchedStepsPerSecond / rawStepsPerSecond;
        }

        double cpuRatio() {
            return batchedStepsPerCpuSecond / rawStepsPerCpuSecond;
        }
    }

    private record Step(Map<String, Object> evidence, int number) {
    }

    /** Trains on the recorded shop trajectories, measures over {@code steps} of their steps and prints both rates. */
    static Result run(List<Trajectory> trajectories, int steps, Path work, PrintStream out) {
        long t0 = System.nanoTime();
        List<Trajectory> training = spread(trajectories.stream().filter(t -> t.end() != null && !t.steps().isEmpty()).toList(),
                TRAIN_STEPS);
        Path dir = work.resolve("progress-model");
        ProgressTrainer.Result trained = ProgressTrainer.train(training, dir, TRAINING, SharedModels.miniLm(), ProgressTrainer.Listener.NONE);
        out.printf(Locale.ROOT, "%nprogress inference: model trained on %d recorded shop episodes (%d epochs) in %.1f s%n",
                trained.manifest().trainEpisodes(), TRAINING.epochs(), seconds(t0));

        List<Step> measured = steps(trajectories, steps);
        TextEmbedder raw = SharedModels.miniLmModel();
        try (BatchingEmbedder batchingEmbedder = new BatchingEmbedder(raw, SharedModels.EMBED_BATCH, SharedModels.EMBED_WAIT);
             ProgressModel model = ProgressModel.load(dir, batchingEmbedder)) {
            List<Step> warmUp = measured.subList(0, Math.min(measured.size(), THREADS * 2));
            long w0 = System.nanoTime();
            runRaw(model, raw, warmUp);
            runBatched(model, warmUp, limit(seconds(w0)));
            ProgressModel.BatchStats before = model.batchStats();

            long rc0 = CpuTime.processNanos();
            long r0 = System.nanoTime();
            float[] rawValues = runRaw(model, raw, measured);
            double rawRate = measured.size() / seconds(r0);
            double rawCpu = (CpuTime.processNanos() - rc0) / 1e9;
            long bc0 = CpuTime.processNanos();
            long b0 = System.nanoTime();
            float[] batchedValues = runBatched(model, measured, limit(measured.size() / rawRate));
            double batchedRate = measured.size() / seconds(b0);
            double batchedCpu = (CpuTime.processNanos() - bc0) / 1e9;

            ProgressModel.BatchStats after = model.batchStats();
            double meanBatch = (double) (after.steps() - before.steps()) / Math.max(1, after.passes() - before.passes());
            double maxDifference = 0;
            for (int i = 0; i < rawValues.length; i++) {
                maxDifference = Math.max(maxDifference, Math.abs(rawValues[i] - batchedValues[i]));
            }
            Result r = new Result(measured.size(), rawRate, batchedRate, measured.size() / rawCpu, measured.size() / batchedCpu,
                    meanBatch, maxDifference);
            print(r, out);
            return r;
        }
    }

    private static void print(Result r, PrintStream out) {
        out.printf(Locale.ROOT, "per-step progress inference (MiniLM embedding + MLP), %d steps each; raw: %d steps per DJL call"
                + " from one thread; batched: %d threads, one step at a time%n", r.steps(), BATCH, THREADS);
        out.printf(Locale.ROOT, "| raw steps/s | batched steps/s | raw steps/CPU-s | batched steps/CPU-s | mean batch formed"
                + " | max abs difference |%n|---:|---:|---:|---:|---:|---:|%n");
        out.printf(Locale.ROOT, "| %.1f | %.1f | %.1f | %.1f | %.1f | %.1e |%n", r.rawStepsPerSecond(), r.batchedStepsPerSecond(),
                r.rawStepsPerCpuSecond(), r.batchedStepsPerCpuSecond(), r.meanBatch(), r.maxDifference());
        out.printf(Locale.ROOT, "progress batched/raw: %.2f (target >= 0.8: %s); per CPU-second: %.2f (%d cores, load average %.1f)%n",
                r.ratio(), r.ratio() >= 0.8 ? "met" : "NOT met", r.cpuRatio(), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** One embedding predictor call and one MLP forward pass per {@link #BATCH} steps. */
    private static float[] runRaw(ProgressModel model, TextEmbedder raw, List<Step> steps) {
        float[] values = new float[steps.size()];
        for (int from = 0; from < steps.size(); from += BATCH) {
            List<Step> batch = steps.subList(from, Math.min(steps.size(), from + BATCH));
            float[][] rows = ProgressFeatures.of(batch.stream().map(Step::evidence).toList(),
                    batch.stream().map(Step::number).toList(), raw);
            float[] c = model.forward(rows);
            System.arraycopy(c, 0, values, from, c.length);
        }
        return values;
    }

    /**
     * How long the batched side may take before the bench gives up on it: ten times the raw side,
     * at least five minutes (a machine busy with other work can make either side slow).
     */
    private static Duration limit(double rawSeconds) {
        return Duration.ofSeconds(Math.max(300, (long) Math.ceil(rawSeconds * 10)));
    }

    /** Each thread scores every {@link #THREADS}-th step, one at a time, like an episode. */
    private static float[] runBatched(ProgressModel model, List<Step> steps, Duration limit) {
        float[] values = new float[steps.size()];
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>(THREADS);
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                workers.add(pool.submit(() -> {
                    for (int i = first; i < steps.size(); i += THREADS) {
                        values[i] = model.submit(steps.get(i).evidence(), steps.get(i).number()).join();
                    }
                }));
            }
            long deadline = System.nanoTime() + limit.toNanos();
            for (Future<?> worker : workers) {
                worker.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return values;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("batched progress inference failed or took longer than " + limit.toSeconds()
                    + " s: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Trajectories spread over the whole recording (random and oracle rounds) until about {@code steps} steps. */
    private static List<Trajectory> spread(List<Trajectory> all, int steps) {
        int total = all.stream().mapToInt(t -> t.steps().size()).sum();
        int stride = Math.max(1, total / Math.max(1, steps));
        List<Trajectory> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += stride) {
            out.add(all.get(i));
        }
        return out;
    }

    /** {@code count} recorded steps spread over the recording (fewer if fewer were recorded). */
    private static List<Step> steps(List<Trajectory> trajectories, int count) {
        List<Step> all = new ArrayList<>();
        for (Trajectory t : trajectories) {
            for (TrajectoryRecord.StepLine s : t.steps()) {
                all.add(new Step(s.evidence(), s.step()));
            }
        }
        int stride = Math.max(1, all.size() / Math.max(1, count));
        List<Step> out = new ArrayList<>(Math.min(count, all.size()));
        for (int i = 0; i < all.size() && out.size() < count; i += stride) {
            out.add(all.get(i));
        }
        return out;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
