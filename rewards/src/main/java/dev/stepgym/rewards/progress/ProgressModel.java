package dev.stepgym.rewards.progress;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.rewards.batch.MicroBatcher;
import dev.stepgym.rewards.embed.TextEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A trained progress model loaded from its folder: per-step contributions ĉ_t from evidence.
 * Thread-safe (forward passes are serialised).
 *
 * <p>Two ways in: {@link #contributions} scores the steps it is given in one call, and
 * {@link #submit} queues one step in this model's micro-batcher, so the single steps of many
 * concurrent episodes share one embedding call and one MLP forward pass. The batcher takes what
 * is queued when its worker is free and does not wait for companions ({@link #BATCH_WAIT} is
 * zero): a lone step (a {@code replay rescore}) runs at once, while under load the steps that
 * arrive during one pass form the next. A step's ĉ_t does not depend on its batch: the MLP
 * treats rows independently and full-precision MiniLM gives the same vector in any batch, so
 * batched and lone values differ by float rounding only.
 *
 * <pre>{@code
 * try (ProgressModel m = ProgressModel.load(Path.of("models/progress-shop"), SharedModels.miniLm())) {
 *     float[] c = m.contributions(List.of(evidence1, evidence2), List.of(1, 2));
 *     float one = m.submit(evidence3, 3).join();              // from many threads at once
 * }
 * }</pre>
 */
public final class ProgressModel implements AutoCloseable {
    /** Most steps in one batched pass (the shared MiniLM batcher's batch size too). */
    public static final int MAX_BATCH = 32;
    /** How long a queued step waits for companions: none, see the class comment. */
    public static final Duration BATCH_WAIT = Duration.ZERO;

    private final ProgressManifest manifest;
    private final Model model;
    private final TextEmbedder embedder;
    /** Guards the DJL model: its forward passes and its closing. */
    private final Object forwardLock = new Object();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong batchedSteps = new AtomicLong();
    private final AtomicInteger largestBatch = new AtomicInteger();
    private MicroBatcher<StepInput, Float> batcher;
    private volatile boolean closed;

    private ProgressModel(ProgressManifest manifest, Model model, TextEmbedder embedder) {
        this.manifest = manifest;
        this.model = model;
        this.embedder = embedder;
    }

    /**
     * Loads a model folder written by {@link ProgressTrainer}.
     *
     * @throws ProgressModelException when the folder is missing, is not a progress model, or was
     *         written for another folder version, feature spec or embedder
     */
    public static ProgressModel load(Path dir, TextEmbedder embedder) {
        ProgressManifest manifest = readManifest(dir);
        if (!ProgressFeatures.SPEC.equals(manifest.featureSpec())) {
            throw new ProgressModelException("progress model " + dir + " was trained on feature spec \"" + manifest.featureSpec()
                    + "\" but this StepGym computes \"" + ProgressFeatures.SPEC + "\"; retrain it with stepgym rewards train-progress");
        }
        if (!embedder.name().equals(manifest.embedder())
                || manifest.inputWidth() != ProgressFeatures.width(embedder.dimension())) {
            throw new ProgressModelException("progress model " + dir + " was trained on embedder " + manifest.embedder()
                    + " (width " + manifest.inputWidth() + "), not " + embedder.name() + "; retrain it");
        }
        Model model = ProgressMlp.newModel(manifest.hidden());
        try {
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, manifest.inputWidth()));
            model.load(dir, ProgressManifest.PARAMS_PREFIX);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ProgressModelException("cannot load the parameters of progress model " + dir + ": " + e.getMessage(), e);
        }
        return new ProgressModel(manifest, model, embedder);
    }

    /** Reads and checks {@code manifest.json}: format and version only. */
    public static ProgressManifest readManifest(Path dir) {
        Path file = dir.resolve(ProgressManifest.FILE);
        if (!Files.isRegularFile(file)) {
            throw new ProgressModelException("no progress model at " + dir + " (" + ProgressManifest.FILE
                    + " is missing); train one with stepgym rewards train-progress");
        }
        ProgressManifest manifest;
        try {
            manifest = Json.read(Files.readString(file), ProgressManifest.class);
        } catch (IOException | RuntimeException e) {
            throw new ProgressModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!ProgressManifest.FORMAT.equals(manifest.format())) {
            throw new ProgressModelException(file + " is not a progress model (format " + manifest.format() + ")");
        }
        if (manifest.version() != ProgressManifest.VERSION) {
            throw new ProgressModelException("progress model " + dir + " has folder version " + manifest.version()
                    + ", this StepGym reads version " + ProgressManifest.VERSION + "; retrain it");
        }
        return manifest;
    }

    public ProgressManifest manifest() {
        return manifest;
    }

    /** ĉ_t for each step, given its evidence and 1-based step number: one embedding call, one forward pass. */
    public float[] contributions(List<Map<String, Object>> evidence, List<Integer> steps) {
        return forward(ProgressFeatures.of(evidence, steps, embedder));
    }

    /**
     * The MLP alone: ĉ_t of each feature row ({@link ProgressFeatures#of}), one DJL forward pass.
     *
     * @throws IllegalArgumentException when a row is not {@link ProgressManifest#inputWidth()} long
     */
    public float[] forward(float[][] rows) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != manifest.inputWidth()) {
                throw new IllegalArgumentException("feature row " + i + " has " + (rows[i] == null ? "no" : rows[i].length)
                        + " values; this model reads " + manifest.inputWidth());
            }
        }
        synchronized (forwardLock) {
            if (closed) {
                throw new IllegalStateException("progress model is closed");
            }
            return ProgressMlp.contributions(model, rows, manifest.inputWidth());
        }
    }

    /**
     * Queues one step in this model's micro-batcher, shared by every caller: its ĉ_t is computed
     * in one pass with the other steps queued meanwhile. The future fails with
     * {@link MicroBatcher.OverloadedException} when {@link MicroBatcher#DEFAULT_MAX_QUEUED} steps
     * are already waiting, and with the model's own exception when its pass fails.
     *
     * @param evidence the step's evidence
     * @param step     its 1-based step number
     */
    public CompletableFuture<Float> submit(Map<String, Object> evidence, int step) {
        MicroBatcher<StepInput, Float> running;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("progress model is closed"));
            }
            if (batcher == null) {
                // Started on first use, so a model loaded only for offline scoring holds no thread.
                batcher = new MicroBatcher<>("progress", MAX_BATCH, BATCH_WAIT, this::runBatch);
            }
            running = batcher;
        }
        return running.submit(new StepInput(evidence, step));
    }

    private List<Float> runBatch(List<StepInput> batch) {
        List<Map<String, Object>> evidence = new ArrayList<>(batch.size());
        List<Integer> steps = new ArrayList<>(batch.size());
        for (StepInput in : batch) {
            evidence.add(in.evidence());
            steps.add(in.step());
        }
        float[] c = contributions(evidence, steps);
        batches.incrementAndGet();
        batchedSteps.addAndGet(batch.size());
        largestBatch.accumulateAndGet(batch.size(), Math::max);
        List<Float> out = new ArrayList<>(c.length);
        for (float v : c) {
            out.add(v);
        }
        return out;
    }

    /** What {@link #submit} has done so far. */
    public BatchStats batchStats() {
        return new BatchStats(batches.get(), batchedSteps.get(), largestBatch.get());
    }

    /** Answers the steps already queued, stops the batcher, then frees the model; the embedder stays the caller's. */
    @Override
    public void close() {
        MicroBatcher<StepInput, Float> running;
        synchronized (this) {
            running = batcher;
            batcher = null;
            closed = true;
        }
        if (running != null) {
            running.close(); // outside the locks: its worker may be in a forward pass
        }
        synchronized (forwardLock) {
            model.close();
        }
    }

    private record StepInput(Map<String, Object> evidence, int step) {
    }

    /**
     * Micro-batcher counters.
     *
     * @param passes       batched passes run (one embedding call and one MLP forward pass each)
     * @param steps        steps scored through them
     * @param largestBatch most steps in one pass
     */
    public record BatchStats(long passes, long steps, int largestBatch) {
        /** Steps per pass; 0 before the first. */
        public double meanBatchSize() {
            return passes == 0 ? 0 : (double) steps / passes;
        }
    }
}
