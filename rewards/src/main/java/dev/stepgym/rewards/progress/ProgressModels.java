package dev.stepgym.rewards.progress;

import dev.stepgym.rewards.scoring.SharedModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The progress models of this process, one per model folder (and training digest), loaded on
 * first use and shared by every episode and every pipeline that names the folder, so their steps
 * meet in one micro-batcher ({@link ProgressModel#submit}). They embed through the process's
 * shared MiniLM ({@link SharedModels#miniLm()}), whose own batcher and cache they share with the
 * other model-based signals.
 *
 * <p>Models are closed with the process (a shutdown hook, which runs beside the server's own) or
 * by {@link #closeAll()}; a later use loads the folder again.
 *
 * <pre>{@code
 * ProgressModel m = ProgressModels.shared(Path.of("models/progress-shop"));
 * float c = m.submit(evidence, 3).join();
 * }</pre>
 */
public final class ProgressModels {
    private static final Map<String, ProgressModel> LOADED = new LinkedHashMap<>();
    private static boolean hooked;

    private ProgressModels() {
    }

    /**
     * The loaded model of a folder, loaded on first use.
     *
     * @throws ProgressModelException when the folder holds no usable model
     */
    public static ProgressModel shared(Path dir) {
        Path folder = dir.toAbsolutePath().normalize();
        // Keyed by the training digest too, so a model retrained into the same folder is picked up.
        String key = folder + "#" + ProgressModel.readManifest(folder).trainingDigest();
        synchronized (LOADED) {
            ProgressModel m = LOADED.get(key);
            if (m == null) {
                m = ProgressModel.load(folder, SharedModels.miniLm());
                LOADED.put(key, m);
                if (!hooked) {
                    Runtime.getRuntime().addShutdownHook(new Thread(ProgressModels::closeAll, "stepgym-progress-models-close"));
                    hooked = true;
                }
            }
            return m;
        }
    }

    /** Closes every loaded model (each answers its queued steps first) and forgets them. */
    public static void closeAll() {
        List<ProgressModel> models;
        synchronized (LOADED) {
            models = new ArrayList<>(LOADED.values());
            LOADED.clear();
        }
        for (ProgressModel m : models) {
            m.close();
        }
    }
}
