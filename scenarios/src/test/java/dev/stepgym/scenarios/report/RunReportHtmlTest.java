package dev.stepgym.scenarios.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run report's page for shapes a short CLI run does not produce: hundreds of episodes, hostile text, long episodes. */
class RunReportHtmlTest {

    /** {@code episodes} episodes of {@code steps} steps each, a positive and a negative component per step. */
    static RunReport.AgentRun agent(String name, int episodes, int steps) {
        List<RunReport.Episode> list = new ArrayList<>();
        for (int e = 0; e < episodes; e++) {
            List<RunReport.Step> stepList = new ArrayList<>();
            double total = 0;
            for (int s = 1; s <= steps; s++) {
                Map<String, Double> components = new LinkedHashMap<>();
                components.put("progress", 0.1 * (s % 3));
                components.put("invalid_action", s % 4 == 0 ? -0.1 : 0.0);
                double reward = components.values().stream().mapToDouble(Double::doubleValue).sum();
                total += reward;
                stepList.add(new RunReport.Step(s, "click[item " + s + "]", reward, components, s % 4 == 0 ? "no such item" : null));
            }
            boolean success = e % 2 == 0;
            list.add(new RunReport.Episode(e, "task-" + e, (long) e, "ep-" + e, steps, total, Map.of("score", success ? 1.0 : 0.25),
                    success ? 1.0 : 0.25, success, true, false, null, stepList));
        }
        return new RunReport.AgentRun(name, list);
    }

    @Test
    void hundredsOfEpisodesKeepTheTableWholeAndCapTheTimelines() {
        RunReport report = new RunReport("eval", "shop-oracle", "shop-v1", 0.9,
                List.of(agent("oracle-shop", 300, 8), agent("random", 300, 15)));
        String html = RunReportHtml.render(report);
        assertEquals(600, SelfContained.count(html, "<tr class=\"episode\">"), "every episode is in the table");
        assertEquals(2 * RunReportHtml.TIMELINES_PER_AGENT, SelfContained.count(html, "class=\"timeline\""));
        assertTrue(html.contains("260 more episodes of oracle-shop not drawn (the first 40 are)"), "it says what it left out");
        assertTrue(html.contains("260 more episodes of random not drawn"));
        assertTrue(html.length() < 3_000_000, "a page a browser opens quickly: " + html.length() + " chars");
        assertTrue(html.contains("<td>150 (50.0%)</td>"), "half the episodes succeed");
        SelfContained.assertSelfContained(html);
    }

    @Test
    void positiveAndNegativePartsAreStackedOnEitherSideOfZero() {
        String html = RunReportHtml.render(new RunReport("run", "s", "shop-v1", 0.9, List.of(agent("a", 2, 4))));
        assertTrue(html.contains("step 4, invalid_action: mean -0.100 over 2 steps"), "the negative part at step 4");
        assertTrue(html.contains("step 2, progress: mean +0.200 over 2 steps"));
        assertFalse(html.contains("step 3, progress"), "a zero part draws nothing");
        assertTrue(html.contains("<title>step 4: click[item 4]\nreward 0\n  progress +0.100\n  invalid_action -0.100\n! no such item</title>"),
                "a timeline mark's hover text: " + html);
    }

    @Test
    void longEpisodesShareColumnsAndMarksAreCapped() {
        String html = RunReportHtml.render(new RunReport("run", "s", "code-v1", 0.9, List.of(agent("a", 1, 1000))));
        assertTrue(html.contains("steps 1-6, progress"), "1000 step indices in 150 columns");
        assertTrue(html.contains("+700 steps"), "the timeline draws 300 marks and counts the rest");
        assertTrue(html.contains(">step 1000</text>"));
    }

    @Test
    void textFromTheAgentOrTheEnvironmentIsEscaped() {
        RunReport.Step step = new RunReport.Step(1, "type[<script>alert('x')</script>]", -1.0, Map.of("format\"<b>", -1.0), "bad & <i>worse</i>");
        RunReport.Episode episode = new RunReport.Episode(0, "<img src=x>", 1L, null, 1, -1.0, Map.of("note", "</td><script>"), null,
                false, false, true, "boom <b>", List.of(step));
        String html = RunReportHtml.render(new RunReport("run", "<h1>x</h1>", "shop-v1", 0.9,
                List.of(new RunReport.AgentRun("agent<\"'>", List.of(episode)))));
        assertFalse(html.contains("<script>") || html.contains("<img") || html.contains("<b>") || html.contains("<i>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assertTrue(html.contains("agent&lt;&quot;&#39;&gt;"));
        assertTrue(html.contains("note=&lt;/td&gt;&lt;script&gt;, truncated"));
    }

    @Test
    void anEmptyRunStillRenders() {
        String html = RunReportHtml.render(new RunReport("run", "s", "shop-v1", 0.9, List.of(new RunReport.AgentRun("a", List.of()))));
        assertTrue(html.contains("No episodes.") && html.contains("No step carried a reward component."));
        assertTrue(html.endsWith("</html>\n"));
    }

    @Test
    void svgHelpers() {
        assertEquals("#d8d8d8", Svg.diverging(0, 1));
        assertEquals("#1a9850", Svg.diverging(5, 1), "clamped at the scale");
        assertEquals("#d73027", Svg.diverging(-1, 1));
        assertEquals("0.100", Svg.number(0.1, 3));
        assertEquals("2", Svg.number(2.0, 3));
        assertEquals("0.000", Svg.number(-0.00001, 3));
        assertEquals(Svg.categorical(0), Svg.categorical(12), "the palette cycles");
        assertEquals("a b", Svg.escape("a\u0000b"));
    }
}
