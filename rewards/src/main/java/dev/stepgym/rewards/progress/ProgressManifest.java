package dev.stepgym.rewards.progress;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param trainingDigest sha256 over the training and held-out episodes (ids, outcomes, evidence, sources)
 * @param trainEpisodes  episodes the model was fitted on
 * @param heldOutEpisodes episodes kept out for the metrics
 * @param metrics        held-out figures
 * @param lossCurve      training loss (MSE of Σ ĉ_t against the outcome) after each epoch
 * @param split          how the held-out episodes were chosen, and which they are (null in folders
 *                       written before the split was recorded)
 */
public record ProgressManifest(String format, int version, String featureSpec, String embedder, int inputWidth, int hidden,
                               String trainingDigest, int trainEpisodes, int heldOutEpisodes, Metrics metrics,
                               List<Double> lossCurve, @JsonInclude(JsonInclude.Include.NON_NULL) ProgressSplit split) {
    public static final String FORMAT = "stepgym-progress-model";
    public static final int VERSION = 1;
    public static final String FILE = "manifest.json";
    /** DJL's name prefix of the parameter file ({@code progress-0000.params}). */
    public static final String PARAMS_PREFIX = "progress";

    /** A manifest without a recorded split. */
    public ProgressManifest(String format, int version, String featureSpec, String embedder, int inputWidth, int hidden,
                            String trainingDigest, int trainEpisodes, int heldOutEpisodes, Metrics metrics, List<Double> lossCurve) {
        this(format, version, featureSpec, embedder, inputWidth, hidden, trainingDigest, trainEpisodes, heldOutEpisodes, metrics,
                lossCurve, null);
    }

    /** Whether the episode was held out of training (false when the folder records no split). */
    public boolean isHeldOut(String episodeId) {
        return split != null && split.isHeldOut(episodeId);
    }

    /**
     * @param trainMse          MSE of Σ ĉ_t against the outcome over the training episodes
     * @param heldOutMse        the same over the held-out episodes
     * @param successThreshold  an episode with outcome ≥ this counts as successful
     * @param meanStepSuccess   mean ĉ_t over the steps of held-out successful episodes (NaN: none)
     * @param meanStepFailure   mean ĉ_t over the steps of held-out failed episodes (NaN: none)
     * @param stepAucSuccess    share of (step of a held-out successful episode, step of a held-out
     *                          failed one) pairs that the model orders correctly, ties half (NaN: a side is empty)
     * @param sources           held-out figures per source
     * @param rankings          for each pair of sources whose episodes' mean outcome differs: the
     *                          share of (held-out step of the better source, held-out step of the
     *                          worse) pairs ordered correctly
     */
    public record Metrics(double trainMse, double heldOutMse, double successThreshold, double meanStepSuccess,
                          double meanStepFailure, Double stepAucSuccess, List<SourceFigures> sources, List<Ranking> rankings) {
        public Metrics {
            sources = sources == null ? List.of() : List.copyOf(sources);
            rankings = rankings == null ? List.of() : List.copyOf(rankings);
        }

        /** Figures without the per-source and AUC parts. */
        public Metrics(double trainMse, double heldOutMse, double successThreshold, double meanStepSuccess, double meanStepFailure) {
            this(trainMse, heldOutMse, successThreshold, meanStepSuccess, meanStepFailure, null, List.of(), List.of());
        }
    }

    /**
     * @param source          the source (see {@link ProgressEpisode#source()})
     * @param episodes        its episodes in the whole set
     * @param meanOutcome     their mean outcome
     * @param heldOutEpisodes of which held out
     * @param heldOutSteps    steps of its held-out episodes
     * @param meanStep        mean ĉ_t over those steps (NaN: none)
     */
    public record SourceFigures(String source, int episodes, double meanOutcome, int heldOutEpisodes, int heldOutSteps,
                                double meanStep) {
    }

    /**
     * @param better   the source with the higher mean outcome
     * @param worse    the other
     * @param stepAuc  share of (held-out step of better, held-out step of worse) pairs with the
     *                 better one's ĉ higher, ties half (NaN: a side has no held-out step)
     */
    public record Ranking(String better, String worse, double stepAuc) {
    }
}
