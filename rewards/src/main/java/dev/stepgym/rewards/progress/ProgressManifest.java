package dev.stepgym.rewards.progress;

import java.util.List;

/**
 * {@code manifest.json} of a model folder: what the model expects and how it was trained.
 *
 * @param format         always {@link #FORMAT}
 * @param version        layout version of the folder; a loader refuses any other
 * @param featureSpec    {@link ProgressFeatures#SPEC} at training time; a loader refuses any other
 * @param embedder       the sentence embedder the features were computed with
 * @param inputWidth     length of a feature vector
 * @param hidden         units of the hidden layer
 * @param trainingDigest sha256 over the training and held-out episodes (ids, outcomes, evidence)
 * @param trainEpisodes  episodes the model was fitted on
 * @param heldOutEpisodes episodes kept out for the metrics
 * @param metrics        held-out figures
 * @param lossCurve      training loss (MSE of Σ ĉ_t against the outcome) after each epoch
 */
public record ProgressManifest(String format, int version, String featureSpec, String embedder, int inputWidth, int hidden,
                               String trainingDigest, int trainEpisodes, int heldOutEpisodes, Metrics metrics,
                               List<Double> lossCurve) {
    public static final String FORMAT = "stepgym-progress-model";
    public static final int VERSION = 1;
    public static final String FILE = "manifest.json";
    /** DJL's name prefix of the parameter file ({@code progress-0000.params}). */
    public static final String PARAMS_PREFIX = "progress";

    /**
     * @param trainMse          MSE of Σ ĉ_t against the outcome over the training episodes
     * @param heldOutMse        the same over the held-out episodes
     * @param successThreshold  an episode with outcome ≥ this counts as successful
     * @param meanStepSuccess   mean ĉ_t over the steps of held-out successful episodes (NaN: none)
     * @param meanStepFailure   mean ĉ_t over the steps of held-out failed episodes (NaN: none)
     */
    public record Metrics(double trainMse, double heldOutMse, double successThreshold, double meanStepSuccess,
                          double meanStepFailure) {
    }
}
