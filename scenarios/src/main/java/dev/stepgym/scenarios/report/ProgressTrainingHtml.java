package dev.stepgym.scenarios.report;

import dev.stepgym.rewards.progress.ProgressManifest;
import java.util.List;

/**
 * The self-contained HTML report of {@code stepgym rewards train-progress}: the training loss
 * curve (MSE of Σ ĉ_t against the outcome, per epoch) and the held-out metrics.
 */
public final class ProgressTrainingHtml {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 260;
    private static final int PAD = 40;

    private ProgressTrainingHtml() {
    }

    public static String render(String modelDir, String source, ProgressManifest m) {
        ProgressManifest.Metrics x = m.metrics();
        StringBuilder h = new StringBuilder(8_000);
        h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>progress model ").append(Svg.escape(modelDir))
                .append("</title><style>body{font-family:sans-serif;margin:2em;color:#222}td,th{padding:2px 10px;text-align:left}"
                        + "th{color:#555;font-weight:normal}</style></head><body>");
        h.append("<h1>Progress model (SPA)</h1><p>").append(Svg.escape(modelDir)).append(" trained on ").append(Svg.escape(source))
                .append("</p><table>");
        row(h, "training episodes", String.valueOf(m.trainEpisodes()));
        row(h, "held-out episodes", String.valueOf(m.heldOutEpisodes()));
        row(h, "training MSE (Σ ĉ vs outcome)", Svg.number(x.trainMse(), 4));
        row(h, "held-out MSE (Σ ĉ vs outcome)", Svg.number(x.heldOutMse(), 4));
        row(h, "held-out mean ĉ, successful episodes (outcome ≥ " + Svg.number(x.successThreshold(), 2) + ")",
                Svg.number(x.meanStepSuccess(), 4));
        row(h, "held-out mean ĉ, failed episodes", Svg.number(x.meanStepFailure(), 4));
        if (x.stepAucSuccess() != null) {
            row(h, "held-out step AUC, successful over failed", Svg.number(x.stepAucSuccess(), 3));
        }
        for (ProgressManifest.SourceFigures f : x.sources()) {
            row(h, "source " + f.source() + ": " + f.episodes() + " episodes, mean outcome " + Svg.number(f.meanOutcome(), 3),
                    f.heldOutEpisodes() + " held out, " + f.heldOutSteps() + " steps, mean ĉ " + Svg.number(f.meanStep(), 4));
        }
        for (ProgressManifest.Ranking r : x.rankings()) {
            row(h, "held-out step AUC, " + r.better() + " over " + r.worse(), Svg.number(r.stepAuc(), 3));
        }
        if (m.split() != null) {
            row(h, "held-out split", "stratified by source and outcome class, seed " + m.split().seed() + ", fraction "
                    + Svg.number(m.split().fraction(), 2));
        }
        row(h, "feature spec", m.featureSpec());
        row(h, "embedder", m.embedder());
        row(h, "training-set digest", m.trainingDigest());
        h.append("</table><h2>Training loss</h2>").append(lossCurve(m.lossCurve())).append("</body></html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(Svg.escape(name)).append("</th><td>").append(Svg.escape(value)).append("</td></tr>");
    }

    static String lossCurve(List<Double> loss) {
        StringBuilder s = new StringBuilder(Svg.open(WIDTH, HEIGHT, "training loss per epoch", "loss"));
        double max = loss.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        if (!(max > 0)) {
            max = 1;
        }
        double[] xs = new double[loss.size()];
        double[] ys = new double[loss.size()];
        for (int i = 0; i < loss.size(); i++) {
            xs[i] = PAD + (loss.size() == 1 ? 0 : (double) i / (loss.size() - 1) * (WIDTH - 2 * PAD));
            ys[i] = HEIGHT - PAD - loss.get(i) / max * (HEIGHT - 2 * PAD);
        }
        s.append(Svg.line(PAD, HEIGHT - PAD, WIDTH - PAD, HEIGHT - PAD, "#999"));
        s.append(Svg.line(PAD, PAD, PAD, HEIGHT - PAD, "#999"));
        s.append(Svg.text(PAD - 4, PAD + 4, "end", Svg.number(max, 4)));
        s.append(Svg.text(PAD - 4, HEIGHT - PAD, "end", "0"));
        s.append(Svg.text(WIDTH / 2.0, HEIGHT - 10, "middle", "epoch (1 … " + loss.size() + ")"));
        s.append(Svg.polyline(xs, ys, Svg.categorical(0)));
        return s.append("</svg>").toString();
    }
}
