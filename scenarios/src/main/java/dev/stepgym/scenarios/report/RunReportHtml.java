package dev.stepgym.scenarios.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Renders a {@link RunReport} as one self-contained HTML page: inline CSS, charts as inline SVG,
 * no script and no external reference. It holds, in order: a summary per agent, the return
 * distribution (a histogram per agent over shared bins), the reward components per step index
 * (stacked bars of their mean weighted values, positive parts up and negative parts down), a step
 * timeline per episode (one mark per step coloured by its reward, the action on hover) and the
 * table of every episode. With hundreds of episodes the timelines are capped per agent and the page
 * says how many it left out; the table always lists them all.
 */
public final class RunReportHtml {
    /** Episodes per agent whose timeline is drawn. */
    static final int TIMELINES_PER_AGENT = 40;
    /** Steps drawn in one timeline; the rest are counted. */
    static final int MARKS_PER_TIMELINE = 300;
    /** Columns of the per-step component chart; longer episodes share columns between step indices. */
    static final int MAX_STEP_COLUMNS = 150;
    private static final int HISTOGRAM_BINS = 20;

    private RunReportHtml() {
    }

    public static String render(RunReport report) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>StepGym ").append(Svg.escape(report.command())).append(": ").append(Svg.escape(report.scenario()))
                .append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:1200px}")
                .append("table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ddd;padding:3px 8px;text-align:right;vertical-align:middle}")
                .append("th{background:#f3f3f3}td.l,th.l{text-align:left}.ok{color:#1a7f37}.no{color:#b42318}")
                .append("svg{background:#fafafa;border:1px solid #eee;display:block}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:1.5rem}.charts figure{margin:0}figcaption{font-size:.9rem;margin:.2rem 0}")
                .append(".legend span{display:inline-block;margin-right:1rem;font-size:.85rem}")
                .append(".legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}")
                .append("table.timelines td{border:none;padding:1px 6px}table.timelines svg{border:none;background:none}")
                .append(".wide{overflow-x:auto}.note{color:#666;font-size:.9rem}code{background:#f3f3f3;padding:0 .2rem}")
                .append("</style></head><body>\n");
        int episodes = report.agents().stream().mapToInt(a -> a.episodes().size()).sum();
        html.append("<h1>StepGym ").append(Svg.escape(report.command())).append(": ").append(Svg.escape(report.scenario())).append("</h1>\n")
                .append("<p>Environment <code>").append(Svg.escape(report.env())).append("</code>, ")
                .append(episodes).append(" episodes, ").append(report.agents().size()).append(report.agents().size() == 1 ? " agent" : " agents")
                .append("; success is an outcome score of at least ").append(Svg.number(report.threshold(), 2))
                .append(" in an episode without error.</p>\n");
        List<String> components = componentNames(report);
        summary(html, report, components);
        returns(html, report);
        componentsPerStep(html, report, components);
        timelines(html, report);
        episodeTable(html, report);
        html.append("</body></html>\n");
        return html.toString();
    }

    /** Every component name in the report, sorted: its position picks its colour on every chart. */
    static List<String> componentNames(RunReport report) {
        TreeSet<String> names = new TreeSet<>();
        for (RunReport.AgentRun agent : report.agents()) {
            for (RunReport.Episode episode : agent.episodes()) {
                for (RunReport.Step step : episode.stepList()) {
                    names.addAll(step.components().keySet());
                }
            }
        }
        return List.copyOf(names);
    }

    private static void summary(StringBuilder html, RunReport report, List<String> components) {
        html.append("<h2>Summary</h2>\n<div class=\"wide\"><table id=\"summary\"><tr><th class=\"l\">agent</th><th>episodes</th><th>errors</th>")
                .append("<th>success</th><th>mean score</th><th>mean return</th><th>mean steps</th>");
        for (String c : components) {
            html.append("<th title=\"mean per-episode sum of the weighted component\">").append(Svg.escape(c)).append("</th>");
        }
        html.append("</tr>\n");
        for (RunReport.AgentRun a : report.agents()) {
            int n = a.episodes().size();
            html.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td>%d</td><td>%d</td><td>%d (%.1f%%)</td><td>%s</td><td>%s</td><td>%.2f</td>",
                    Svg.escape(a.agent()), n, a.errors(), a.successes(), n == 0 ? 0 : 100.0 * a.successes() / n, fixed(a.meanScore()),
                    fixed(a.meanReturn()), a.meanSteps()));
            for (String c : components) {
                double sum = 0;
                for (RunReport.Episode e : a.episodes()) {
                    for (RunReport.Step s : e.stepList()) {
                        sum += s.components().getOrDefault(c, 0.0);
                    }
                }
                html.append("<td>").append(fixed(n == 0 ? 0 : sum / n)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table></div>\n");
        if (!components.isEmpty()) {
            html.append("<p class=\"note\">Component columns: the mean over episodes of each component's weighted sum; ")
                    .append("together they make the mean return.</p>\n");
        }
    }

    // ---- return distribution

    private static void returns(StringBuilder html, RunReport report) {
        html.append("<h2>Return distribution</h2>\n<div class=\"charts\" id=\"returns\">\n");
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (RunReport.AgentRun a : report.agents()) {
            for (RunReport.Episode e : a.episodes()) {
                min = Math.min(min, e.totalReturn());
                max = Math.max(max, e.totalReturn());
            }
        }
        if (min > max) {
            html.append("<p>No episodes.</p></div>\n");
            return;
        }
        if (max - min < 1e-9) { // every return equal: one bin around it
            min -= 0.5;
            max += 0.5;
        }
        for (int i = 0; i < report.agents().size(); i++) {
            RunReport.AgentRun a = report.agents().get(i);
            html.append("<figure><figcaption>").append(Svg.escape(a.agent())).append(": ").append(a.episodes().size())
                    .append(" episodes, mean return ").append(Svg.number(a.meanReturn(), 3)).append("</figcaption>")
                    .append(histogram(a, min, max, Svg.categorical(i))).append("</figure>\n");
        }
        html.append("</div>\n");
    }

    private static String histogram(RunReport.AgentRun agent, double min, double max, String colour) {
        int width = 380;
        int height = 160;
        double left = 30;
        double right = width - 10;
        double top = 10;
        double bottom = height - 24;
        int[] counts = new int[HISTOGRAM_BINS];
        double binWidth = (max - min) / HISTOGRAM_BINS;
        for (RunReport.Episode e : agent.episodes()) {
            int bin = (int) Math.floor((e.totalReturn() - min) / binWidth);
            counts[Math.max(0, Math.min(HISTOGRAM_BINS - 1, bin))]++;
        }
        int highest = 1;
        for (int c : counts) {
            highest = Math.max(highest, c);
        }
        StringBuilder svg = new StringBuilder(Svg.open(width, height, "histogram of returns for " + agent.agent(), "histogram"));
        double column = (right - left) / HISTOGRAM_BINS;
        for (int b = 0; b < HISTOGRAM_BINS; b++) {
            if (counts[b] == 0) {
                continue;
            }
            double h = (bottom - top) * counts[b] / highest;
            double from = min + b * binWidth;
            String hover = String.format(Locale.ROOT, "return in [%s, %s%s: %d episode%s", Svg.number(from, 3),
                    Svg.number(from + binWidth, 3), b == HISTOGRAM_BINS - 1 ? "]" : ")", counts[b], counts[b] == 1 ? "" : "s");
            svg.append(Svg.rect(left + b * column + 1, bottom - h, column - 2, h, colour, hover));
        }
        svg.append(Svg.line(left, bottom, right, bottom, "#888")).append(Svg.line(left, top, left, bottom, "#888"))
                .append(Svg.text(left, height - 8, "start", fixed(min)))
                .append(Svg.text(right, height - 8, "end", fixed(max)))
                .append(Svg.text((left + right) / 2, height - 8, "middle", "return"))
                .append(Svg.text(left - 4, top + 8, "end", String.valueOf(highest)))
                .append(Svg.text(left - 4, bottom, "end", "0"))
                .append("</svg>");
        return svg.toString();
    }

    // ---- components per step index

    private static void componentsPerStep(StringBuilder html, RunReport report, List<String> components) {
        html.append("<h2>Reward components per step</h2>\n");
        if (components.isEmpty()) {
            html.append("<p>No step carried a reward component.</p>\n");
            return;
        }
        html.append("<p class=\"note\">Per step index, the mean weighted value of each component over the episodes that reached ")
                .append("that step, stacked: positive parts above the zero line, negative parts below. Hover a bar for its value.</p>\n");
        html.append("<p class=\"legend\">");
        for (int c = 0; c < components.size(); c++) {
            html.append("<span><i style=\"background:").append(Svg.categorical(c)).append("\"></i>")
                    .append(Svg.escape(components.get(c))).append("</span>");
        }
        html.append("</p>\n<div class=\"charts\" id=\"components\">\n");
        for (RunReport.AgentRun a : report.agents()) {
            html.append("<figure><figcaption>").append(Svg.escape(a.agent())).append("</figcaption>")
                    .append(stacked(a, components)).append("</figure>\n");
        }
        html.append("</div>\n");
    }

    private static String stacked(RunReport.AgentRun agent, List<String> components) {
        int maxStep = 0;
        for (RunReport.Episode e : agent.episodes()) {
            for (RunReport.Step s : e.stepList()) {
                maxStep = Math.max(maxStep, s.step());
            }
        }
        if (maxStep == 0) {
            return "<p>No steps.</p>";
        }
        int columns = Math.min(maxStep, MAX_STEP_COLUMNS);
        double stepsPerColumn = (double) maxStep / columns;
        double[][] sums = new double[columns][components.size()];
        int[] samples = new int[columns];
        for (RunReport.Episode e : agent.episodes()) {
            for (RunReport.Step s : e.stepList()) {
                if (s.step() < 1) {
                    continue;
                }
                int col = Math.min(columns - 1, (int) ((s.step() - 1) / stepsPerColumn));
                samples[col]++;
                for (Map.Entry<String, Double> entry : s.components().entrySet()) {
                    sums[col][components.indexOf(entry.getKey())] += entry.getValue();
                }
            }
        }
        double up = 1e-9;
        double down = 1e-9;
        for (int col = 0; col < columns; col++) {
            double pos = 0;
            double neg = 0;
            for (int c = 0; c < components.size(); c++) {
                double mean = samples[col] == 0 ? 0 : sums[col][c] / samples[col];
                sums[col][c] = mean;
                if (mean > 0) {
                    pos += mean;
                } else {
                    neg -= mean;
                }
            }
            up = Math.max(up, pos);
            down = Math.max(down, neg);
        }
        int width = Math.max(380, Math.min(900, 40 + columns * 24));
        int height = 220;
        double left = 44;
        double right = width - 10;
        double top = 10;
        double bottom = height - 26;
        double scale = (bottom - top) / (up + down);
        double zero = top + up * scale;
        double column = (right - left) / columns;
        StringBuilder svg = new StringBuilder(Svg.open(width, height, "reward components per step for " + agent.agent(), "stacked"));
        for (int col = 0; col < columns; col++) {
            int first = (int) Math.floor(col * stepsPerColumn) + 1;
            int last = (int) Math.floor((col + 1) * stepsPerColumn);
            String steps = first >= last ? "step " + first : "steps " + first + "-" + last;
            double posY = zero;
            double negY = zero;
            for (int c = 0; c < components.size(); c++) {
                double mean = sums[col][c];
                if (Math.abs(mean) < 1e-12) {
                    continue;
                }
                double h = Math.abs(mean) * scale;
                String hover = String.format(Locale.ROOT, "%s, %s: mean %s over %d step%s", steps, components.get(c),
                        signed(mean), samples[col], samples[col] == 1 ? "" : "s");
                if (mean > 0) {
                    posY -= h;
                    svg.append(Svg.rect(left + col * column + 1, posY, Math.max(1, column - 2), h, Svg.categorical(c), hover));
                } else {
                    svg.append(Svg.rect(left + col * column + 1, negY, Math.max(1, column - 2), h, Svg.categorical(c), hover));
                    negY += h;
                }
            }
        }
        svg.append(Svg.line(left, zero, right, zero, "#666")).append(Svg.line(left, top, left, bottom, "#888"))
                .append(Svg.text(left - 4, top + 8, "end", signed(up)))
                .append(Svg.text(left - 4, zero + 3, "end", "0"))
                .append(Svg.text(left - 4, bottom, "end", signed(-down)))
                .append(Svg.text(left, height - 8, "start", "step 1"))
                .append(Svg.text(right, height - 8, "end", "step " + maxStep))
                .append("</svg>");
        return svg.toString();
    }

    // ---- timelines

    private static void timelines(StringBuilder html, RunReport report) {
        html.append("<h2>Step timelines</h2>\n<p class=\"note\">One mark per step, coloured by its reward (green positive, ")
                .append("red negative, grey zero; deeper is larger). Hover a mark for the action and its components.</p>\n")
                .append("<div id=\"timelines\">\n");
        double scale = 1e-9;
        for (RunReport.AgentRun a : report.agents()) {
            for (RunReport.Episode e : a.episodes()) {
                for (RunReport.Step s : e.stepList()) {
                    scale = Math.max(scale, Math.abs(s.reward()));
                }
            }
        }
        for (RunReport.AgentRun a : report.agents()) {
            html.append("<h3>").append(Svg.escape(a.agent())).append("</h3>\n<table class=\"timelines\">\n");
            int shown = Math.min(TIMELINES_PER_AGENT, a.episodes().size());
            for (int i = 0; i < shown; i++) {
                RunReport.Episode e = a.episodes().get(i);
                html.append("<tr><td class=\"l\">#").append(e.index()).append("</td><td class=\"l\">").append(Svg.escape(e.task()))
                        .append("</td><td class=\"l\">").append(timeline(e, scale)).append("</td><td>")
                        .append(fixed(e.totalReturn())).append("</td><td class=\"")
                        .append(e.success() ? "ok\">✓" : "no\">✗").append("</td></tr>\n");
            }
            html.append("</table>\n");
            int hidden = a.episodes().size() - shown;
            if (hidden > 0) {
                html.append("<p class=\"note hidden-timelines\">").append(hidden).append(hidden == 1 ? " more episode" : " more episodes")
                        .append(" of ").append(Svg.escape(a.agent())).append(" not drawn (the first ").append(shown)
                        .append(" are); every episode is in the table below and in the JSON report.</p>\n");
            }
        }
        html.append("</div>\n");
    }

    private static String timeline(RunReport.Episode episode, double scale) {
        List<RunReport.Step> steps = episode.stepList();
        if (steps.isEmpty()) {
            return "<span class=\"note\">no steps</span>";
        }
        int drawn = Math.min(steps.size(), MARKS_PER_TIMELINE);
        double mark = Math.max(2, Math.min(14, 600.0 / drawn));
        int width = (int) Math.ceil(drawn * mark) + 2;
        StringBuilder svg = new StringBuilder(Svg.open(width, 18, "step rewards of episode " + episode.index(), "timeline"));
        for (int i = 0; i < drawn; i++) {
            RunReport.Step s = steps.get(i);
            StringBuilder hover = new StringBuilder().append("step ").append(s.step()).append(": ").append(s.action())
                    .append("\nreward ").append(signed(s.reward()));
            for (Map.Entry<String, Double> c : s.components().entrySet()) {
                hover.append("\n  ").append(c.getKey()).append(' ').append(signed(c.getValue()));
            }
            if (s.actionError() != null) {
                hover.append("\n! ").append(s.actionError());
            }
            svg.append(Svg.rect(1 + i * mark, 1, Math.max(1, mark - (mark > 3 ? 1 : 0)), 16, Svg.diverging(s.reward(), scale),
                    hover.toString()));
        }
        svg.append("</svg>");
        if (steps.size() > drawn) {
            svg.append("<span class=\"note\">+").append(steps.size() - drawn).append(" steps</span>");
        }
        return svg.toString();
    }

    // ---- episode table

    private static void episodeTable(StringBuilder html, RunReport report) {
        html.append("<h2>Episodes</h2>\n<table id=\"episodes\"><tr><th class=\"l\">agent</th><th>#</th><th class=\"l\">task</th>")
                .append("<th>seed</th><th>steps</th><th>return</th><th class=\"l\">outcome</th><th>success</th><th class=\"l\">error</th></tr>\n");
        for (RunReport.AgentRun a : report.agents()) {
            for (RunReport.Episode e : a.episodes()) {
                String outcome = outcome(e);
                html.append("<tr class=\"episode\"><td class=\"l\">").append(Svg.escape(a.agent())).append("</td><td>").append(e.index())
                        .append("</td><td class=\"l\">").append(Svg.escape(e.task())).append("</td><td>")
                        .append(e.seed() == null ? "" : e.seed()).append("</td><td>").append(e.steps()).append("</td><td>")
                        .append(fixed(e.totalReturn())).append("</td><td class=\"l\" title=\"")
                        .append(Svg.escape(outcome)).append("\">").append(Svg.escape(abbreviate(outcome, 80))).append("</td><td class=\"")
                        .append(e.success() ? "ok\">yes" : "no\">no").append("</td><td class=\"l\">").append(Svg.escape(e.error()))
                        .append("</td></tr>\n");
            }
        }
        html.append("</table>\n");
    }

    /** The outcome as {@code key=value} pairs, score first, with the truncation noted. */
    static String outcome(RunReport.Episode e) {
        List<String> parts = new ArrayList<>();
        if (e.score() != null) {
            parts.add("score=" + Svg.number(e.score(), 3));
        }
        for (Map.Entry<String, Object> entry : e.outcome().entrySet()) {
            if (entry.getKey().equals("score")) {
                continue;
            }
            Object v = entry.getValue();
            parts.add(entry.getKey() + "=" + (v instanceof Number n ? Svg.number(n.doubleValue(), 3) : String.valueOf(v)));
        }
        if (e.truncated()) {
            parts.add("truncated");
        }
        return String.join(", ", parts);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Three decimals, never "-0.000". */
    private static String fixed(double v) {
        String text = String.format(Locale.ROOT, "%.3f", v);
        return text.equals("-0.000") ? "0.000" : text;
    }

    private static String signed(double v) {
        return (v > 0 ? "+" : "") + Svg.number(v, 3);
    }
}
