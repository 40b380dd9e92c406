package dev.stepgym.rewards.progress;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.rewards.embed.TextEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A trained progress model loaded from its folder: per-step contributions ĉ_t from evidence.
 * Thread-safe (forward passes are serialised; they take well under a millisecond for one step).
 *
 * <pre>{@code
 * try (ProgressModel m = ProgressModel.load(Path.of("models/progress-shop"), SharedModels.miniLm())) {
 *     float[] c = m.contributions(List.of(evidence1, evidence2), List.of(1, 2));
 * }
 * }</pre>
 */
public final class ProgressModel implements AutoCloseable {
    private final ProgressManifest manifest;
    private final Model model;
    private final TextEmbedder embedder;

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

    /** ĉ_t for each step, given its evidence and 1-based step number. */
    public float[] contributions(List<Map<String, Object>> evidence, List<Integer> steps) {
        float[][] rows = ProgressFeatures.of(evidence, steps, embedder);
        synchronized (this) {
            return ProgressMlp.contributions(model, rows, manifest.inputWidth());
        }
    }

    @Override
    public synchronized void close() {
        model.close();
    }
}
