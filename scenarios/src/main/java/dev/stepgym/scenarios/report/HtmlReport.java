package dev.stepgym.scenarios.report;

import dev.stepgym.protocol.RewardComponent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@link CodeEvalReport} as one self-contained HTML page: no scripts, no external
 * files, charts as inline SVG, so it opens anywhere (a CI artifact, a headless browser). A summary
 * table of the agents (pass rate with its 95% Wilson interval, mean process reward) with a chart of
 * the pass rates and their intervals; then per agent a table of tasks with three small charts each
 * (pyright errors in the target files over the steps, the cumulative reward, the reward components
 * of each step stacked), and per task a folded table of every step's reward components.
 */
public final class HtmlReport {
    private static final int CHART_WIDTH = 180;
    private static final int CHART_HEIGHT = 40;
    /** Colours of the known components; others get one from {@link #PALETTE} by name. */
    private static final Map<String, String> COLOURS = Map.of(
            "diagnostic_delta", "#d1495b", "safety", "#2a9d8f", "ambiguity_penalty", "#f4a261",
            "test_pass_delta", "#1f6feb", "invalid_action", "#6c757d", "hidden_tests", "#8e44ad");
    private static final String[] PALETTE = {"#e76f51", "#264653", "#e9c46a", "#3a86ff", "#8338ec", "#06d6a0"};

    private HtmlReport() {
    }

    public static String render(CodeEvalReport report) {
        StringBuilder html = new StringBuilder(32_768);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>StepGym code evaluation</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}")
                .append("table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}")
                .append("th{background:#f3f3f3}td.l,th.l{text-align:left}.ok{color:#1a7f37}.no{color:#b42318}")
                .append("svg{background:#fafafa;border:1px solid #eee;vertical-align:middle}")
                .append(".key{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px}")
                .append("details{margin:0 0 .5rem 1rem}summary{cursor:pointer}code{font-size:90%}")
                .append("</style></head><body>\n");
        html.append("<h1>StepGym code evaluation</h1>\n<p>Suite: <code>").append(Svg.escape(report.suite())).append("</code></p>\n");
        html.append("<p>Pass rate: the share of episodes whose visible and hidden tests all passed at submit, with its 95%")
                .append(" confidence interval by the Wilson score method. Process reward: the mean over all of an agent's")
                .append(" steps of the step's weighted step-kind components (<code>diagnostic_delta</code>, <code>safety</code>,")
                .append(" <code>test_pass_delta</code>).</p>\n");
        summary(html, report);
        for (CodeEvalReport.AgentResult a : report.agents()) {
            agent(html, a);
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void summary(StringBuilder html, CodeEvalReport report) {
        html.append("<table id=\"summary\"><tr><th class=\"l\">agent</th><th class=\"l\">source</th><th>tasks</th><th>solved</th>")
                .append("<th>pass rate</th><th>95% CI (Wilson)</th><th>mean hidden pass rate</th><th>mean process reward</th>")
                .append("<th>mean steps</th><th>mean step-reward sum</th><th>mean return</th><th>mean seconds</th></tr>\n");
        for (CodeEvalReport.AgentResult a : report.agents()) {
            html.append(String.format(Locale.ROOT,
                    "<tr><td class=\"l\">%s</td><td class=\"l\">%s</td><td>%d</td><td>%d</td><td>%.1f%%</td><td>%.1f%% – %.1f%%</td>"
                            + "<td>%.2f</td><td>%.3f</td><td>%.2f</td><td>%.3f</td><td>%.3f</td><td>%.2f</td></tr>%n",
                    Svg.escape(a.agent()), a.source().wire(), a.tasks(), a.solved(), 100 * a.passRate(),
                    100 * a.passRateCi95().low(), 100 * a.passRateCi95().high(), a.meanHiddenPassRate(),
                    a.meanProcessReward(), a.meanSteps(), a.meanStepRewardSum(), a.meanReturn(), a.meanSeconds()));
        }
        html.append("</table>\n").append(passRates(report.agents()));
    }

    /** One bar per agent: its pass rate, with the interval drawn as a whisker. */
    static String passRates(List<CodeEvalReport.AgentResult> agents) {
        int labelWidth = 260;
        int barWidth = 400;
        int row = 24;
        int height = 20 + row * agents.size();
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg id=\"pass-rates\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\""
                + " aria-label=\"pass rate per agent with 95%% Wilson interval\">", labelWidth + barWidth + 60, height,
                labelWidth + barWidth + 60, height));
        for (int i = 0; i < agents.size(); i++) {
            CodeEvalReport.AgentResult a = agents.get(i);
            double y = 10 + i * row;
            String label = a.agent().length() > 40 ? a.agent().substring(0, 39) + "…" : a.agent();
            svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%.1f\" font-size=\"12\">%s</text>", y + 13, Svg.escape(label)))
                    .append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"#1f6feb\"/>",
                            labelWidth, y, barWidth * a.passRate()))
                    .append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#222\" stroke-width=\"2\"/>",
                            labelWidth + barWidth * a.passRateCi95().low(), labelWidth + barWidth * a.passRateCi95().high(), y + 8, y + 8))
                    .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"12\">%.0f%%</text>",
                            labelWidth + barWidth + 6, y + 13, 100 * a.passRate()));
        }
        return svg.append("</svg>\n").toString();
    }

    private static void agent(StringBuilder html, CodeEvalReport.AgentResult a) {
        html.append("<h2>").append(Svg.escape(a.agent())).append("</h2>\n<p>");
        for (String name : componentNames(a.results())) {
            html.append("<span class=\"key\" style=\"background:").append(colour(name)).append("\"></span>").append(Svg.escape(name));
        }
        html.append("</p>\n<table class=\"tasks\"><tr><th class=\"l\">task</th><th>submitted</th><th>solved</th><th>score</th>")
                .append("<th>hidden pass rate</th><th>steps</th><th>process reward</th><th>step rewards</th><th>return</th>")
                .append("<th>seconds</th><th class=\"l\">diagnostics over steps</th><th class=\"l\">cumulative reward</th>")
                .append("<th class=\"l\">components per step</th><th class=\"l\">log</th><th class=\"l\">error</th></tr>\n");
        for (CodeEvalReport.TaskResult t : a.results()) {
            html.append(String.format(Locale.ROOT,
                    "<tr><td class=\"l\">%s</td><td>%s</td><td class=\"%s\">%s</td><td>%.2f</td><td>%.2f</td><td>%d</td><td>%.3f</td>"
                            + "<td>%.3f</td><td>%.3f</td><td>%.2f</td><td class=\"l\">%s</td><td class=\"l\">%s</td><td class=\"l\">%s</td>"
                            + "<td class=\"l\">%s</td><td class=\"l\">%s</td></tr>%n",
                    Svg.escape(t.task()), t.submitted() ? "yes" : "no", t.solved() ? "ok" : "no", t.solved() ? "yes" : "no", t.score(),
                    t.hiddenPassRate(), t.steps(), t.processReward(), t.stepRewardSum(), t.totalReturn(), t.seconds(),
                    chart(t.diagnostics().stream().map(Integer::doubleValue).toList(), "#b42318"),
                    chart(cumulative(t.rewards()), "#1f6feb"), components(t.stepDetails()),
                    t.log() == null ? "" : "<code>" + Svg.escape(t.log()) + "</code>",
                    t.error() == null ? "" : Svg.escape(t.error())));
        }
        html.append("</table>\n");
        for (CodeEvalReport.TaskResult t : a.results()) {
            steps(html, t);
        }
    }

    /** The folded per-step table of one episode: the action, D, every component's weighted value and the reward. */
    private static void steps(StringBuilder html, CodeEvalReport.TaskResult t) {
        List<String> names = new ArrayList<>(componentNames(List.of(t)));
        html.append("<details><summary>steps of ").append(Svg.escape(t.task()));
        if (t.episodeId() != null) {
            html.append(" (episode <code>").append(Svg.escape(t.episodeId())).append("</code>)");
        }
        html.append("</summary>\n<table class=\"steps\"><tr><th>step</th><th class=\"l\">action</th><th>diagnostics</th>");
        for (String name : names) {
            html.append("<th>").append(Svg.escape(name)).append("</th>");
        }
        html.append("<th>reward</th><th class=\"l\">refused</th></tr>\n");
        for (CodeEvalReport.StepDetail s : t.stepDetails()) {
            html.append("<tr><td>").append(s.step()).append("</td><td class=\"l\"><code>").append(Svg.escape(s.action()))
                    .append("</code></td><td>").append(s.diagnostics()).append("</td>");
            for (String name : names) {
                RewardComponent c = s.components().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
                html.append(c == null ? "<td></td>" : String.format(Locale.ROOT,
                        "<td title=\"%s: %s x %s (%s, %s)\">%.3f</td>", Svg.escape(name), Svg.number(c.value(), 3), Svg.number(c.weight(), 3),
                        c.kind().wire(), Svg.escape(c.source()), c.weighted()));
            }
            html.append(String.format(Locale.ROOT, "<td>%.3f</td><td class=\"l\">%s</td></tr>%n", s.reward(),
                    s.actionError() == null ? "" : Svg.escape(s.actionError())));
        }
        html.append("</table></details>\n");
    }

    private static Set<String> componentNames(List<CodeEvalReport.TaskResult> results) {
        Set<String> names = new LinkedHashSet<>();
        for (CodeEvalReport.TaskResult t : results) {
            for (CodeEvalReport.StepDetail s : t.stepDetails()) {
                s.components().forEach(c -> names.add(c.name()));
            }
        }
        return names;
    }

    private static String colour(String component) {
        String known = COLOURS.get(component);
        return known != null ? known : PALETTE[Math.floorMod(component.hashCode(), PALETTE.length)];
    }

    /** Per step, the weighted components as stacked bars: positive ones up from the zero line, negative ones down. */
    static String components(List<CodeEvalReport.StepDetail> steps) {
        if (steps.isEmpty()) {
            return "";
        }
        double up = 0;
        double down = 0;
        for (CodeEvalReport.StepDetail s : steps) {
            up = Math.max(up, s.components().stream().mapToDouble(RewardComponent::weighted).filter(v -> v > 0).sum());
            down = Math.max(down, -s.components().stream().mapToDouble(RewardComponent::weighted).filter(v -> v < 0).sum());
        }
        double span = Math.max(1e-9, up + down);
        double scale = (CHART_HEIGHT - 4) / span;
        double zero = 2 + up * scale;
        double barWidth = Math.max(2, Math.min(16, (CHART_WIDTH - 4.0) / steps.size() - 1));
        StringBuilder svg = new StringBuilder(Svg.open(CHART_WIDTH, CHART_HEIGHT, "reward components per step", "components"));
        svg.append(Svg.line(0, zero, CHART_WIDTH, zero, "#999"));
        for (int i = 0; i < steps.size(); i++) {
            CodeEvalReport.StepDetail s = steps.get(i);
            double x = 2 + i * (barWidth + 1);
            double top = zero;
            double bottom = zero;
            for (RewardComponent c : s.components()) {
                double h = Math.abs(c.weighted()) * scale;
                if (h < 0.05) {
                    continue;
                }
                double y;
                if (c.weighted() > 0) {
                    top -= h;
                    y = top;
                } else {
                    y = bottom;
                    bottom += h;
                }
                svg.append(Svg.rect(x, y, barWidth, h, colour(c.name()),
                        "step " + s.step() + " " + c.name() + " " + Svg.number(c.weighted(), 3)));
            }
        }
        return svg.append("</svg>").toString();
    }

    private static List<Double> cumulative(List<Double> rewards) {
        List<Double> sums = new ArrayList<>(rewards.size() + 1);
        double sum = 0;
        sums.add(0.0);
        for (double r : rewards) {
            sum += r;
            sums.add(sum);
        }
        return sums;
    }

    /** A polyline over the values, scaled to the chart; the last value is printed beside it. */
    static String chart(List<Double> values, String colour) {
        if (values.isEmpty()) {
            return "";
        }
        double min = Math.min(0, values.stream().mapToDouble(Double::doubleValue).min().orElse(0));
        double max = Math.max(min + 1e-9, values.stream().mapToDouble(Double::doubleValue).max().orElse(1));
        int n = values.size();
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = n == 1 ? CHART_WIDTH / 2.0 : 4 + i * (CHART_WIDTH - 8.0) / (n - 1);
            ys[i] = CHART_HEIGHT - 4 - (values.get(i) - min) / (max - min) * (CHART_HEIGHT - 8);
        }
        return Svg.open(CHART_WIDTH, CHART_HEIGHT, values.toString(), "line") + Svg.polyline(xs, ys, colour) + "</svg> "
                + Svg.number(values.get(n - 1), 3);
    }
}
