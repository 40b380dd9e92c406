package dev.stepgym.scenarios.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link CodeEvalReport} as one self-contained HTML page: no scripts, no external
 * files, charts as inline SVG, so it opens anywhere (a CI artifact, a headless browser). One
 * summary table of the agents, then per agent a table of tasks with two small charts each: the
 * pyright errors in the target files over the steps, and the cumulative reward.
 */
public final class HtmlReport {
    private static final int CHART_WIDTH = 180;
    private static final int CHART_HEIGHT = 40;

    private HtmlReport() {
    }

    public static String render(CodeEvalReport report) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>StepGym code evaluation</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}")
                .append("table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}")
                .append("th{background:#f3f3f3}td.l,th.l{text-align:left}.ok{color:#1a7f37}.no{color:#b42318}")
                .append("svg{background:#fafafa;border:1px solid #eee}")
                .append("</style></head><body>\n");
        html.append("<h1>StepGym code evaluation</h1>\n<p>Suite: <code>").append(escape(report.suite())).append("</code></p>\n");
        html.append("<table id=\"summary\"><tr><th class=\"l\">agent</th><th>tasks</th><th>solved</th><th>solve rate</th>")
                .append("<th>mean steps</th><th>mean step-reward sum</th><th>mean return</th><th>mean seconds</th></tr>\n");
        for (CodeEvalReport.AgentResult a : report.agents()) {
            html.append(String.format(Locale.ROOT,
                    "<tr><td class=\"l\">%s</td><td>%d</td><td>%d</td><td>%.1f%%</td><td>%.2f</td><td>%.3f</td><td>%.3f</td><td>%.2f</td></tr>%n",
                    escape(a.agent()), a.tasks(), a.solved(), 100 * a.solveRate(), a.meanSteps(), a.meanStepRewardSum(),
                    a.meanReturn(), a.meanSeconds()));
        }
        html.append("</table>\n");
        for (CodeEvalReport.AgentResult a : report.agents()) {
            html.append("<h2>").append(escape(a.agent())).append("</h2>\n");
            html.append("<table class=\"tasks\"><tr><th class=\"l\">task</th><th>solved</th><th>score</th><th>steps</th>")
                    .append("<th>step rewards</th><th>return</th><th>seconds</th><th class=\"l\">diagnostics over steps</th>")
                    .append("<th class=\"l\">cumulative reward</th><th class=\"l\">error</th></tr>\n");
            for (CodeEvalReport.TaskResult t : a.results()) {
                html.append(String.format(Locale.ROOT,
                        "<tr><td class=\"l\">%s</td><td class=\"%s\">%s</td><td>%.2f</td><td>%d</td><td>%.3f</td><td>%.3f</td><td>%.2f</td><td class=\"l\">%s</td><td class=\"l\">%s</td><td class=\"l\">%s</td></tr>%n",
                        escape(t.task()), t.solved() ? "ok" : "no", t.solved() ? "yes" : "no", t.score(), t.steps(),
                        t.stepRewardSum(), t.totalReturn(), t.seconds(),
                        chart(t.diagnostics().stream().map(Integer::doubleValue).toList(), "#b42318"),
                        chart(cumulative(t.rewards()), "#1f6feb"),
                        t.error() == null ? "" : escape(t.error())));
            }
            html.append("</table>\n");
        }
        html.append("</body></html>\n");
        return html.toString();
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
        StringBuilder points = new StringBuilder();
        int n = values.size();
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? CHART_WIDTH / 2.0 : 4 + i * (CHART_WIDTH - 8.0) / (n - 1);
            double y = CHART_HEIGHT - 4 - (values.get(i) - min) / (max - min) * (CHART_HEIGHT - 8);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return String.format(Locale.ROOT,
                "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">"
                        + "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/></svg> %s",
                CHART_WIDTH, CHART_HEIGHT, CHART_WIDTH, CHART_HEIGHT, escape(values.toString()), colour, points.toString().strip(),
                format(values.get(n - 1)));
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
