package dev.stepgym.scenarios.report;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluation report opens in a real headless Chromium (Debian's, installed by
 * scripts/setup.sh): its DOM holds the summary table and the charts, and a screenshot is taken.
 * Chromium runs in a network namespace of its own when the machine allows it, so it cannot reach
 * anything, not even for its background services.
 */
@Tag("heavy")
class HtmlReportChromiumTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    static CodeEvalReport sample() {
        return new CodeEvalReport("built-in", List.of(
                new CodeEvalReport.AgentResult("oracle-code", 2, 2, 1.0, 4, 1.2, 2.4, 1.5, List.of(
                        new CodeEvalReport.TaskResult("inventory-price-of-optional", true, 1.0, 4, 1.4, 2.4, 1.6,
                                List.of(1, 1, 0, 0, 0), List.of(0.0, 0.9, 0.5, 1.0), null),
                        new CodeEvalReport.TaskResult("geometry-rename-distance", true, 1.0, 4, 1.0, 2.0, 1.4,
                                List.of(2, 2, 0, 0, 0), List.of(0.0, 1.4, 0.5, 1.0), null))),
                new CodeEvalReport.AgentResult("random <script>", 2, 0, 0.0, 12, -0.3, -0.3, 3.0, List.of(
                        new CodeEvalReport.TaskResult("inventory-price-of-optional", false, 0.0, 12, 0.0, -0.3, 3.0,
                                List.of(1, 1, 1), List.of(-0.1, -0.1, -0.1), "a <b>bad</b> day"),
                        new CodeEvalReport.TaskResult("geometry-rename-distance", false, 0.0, 12, 0.0, 0.0, 3.0,
                                List.of(2), List.of(), null)))));
    }

    @Test
    void theReportOpensInHeadlessChromiumAndIsScreenshotted(@TempDir Path tmp) throws Exception {
        Path html = tmp.resolve("report.html");
        Files.writeString(html, HtmlReport.render(sample()));
        Path png = tmp.resolve("report.png");

        String dom = HeadlessChromium.dumpDom(html, tmp);
        assertTrue(dom.contains("id=\"summary\"") && dom.contains("oracle-code") && dom.contains("<polyline"),
                "the DOM has the summary table and the charts: " + dom.substring(0, Math.min(300, dom.length())));
        assertTrue(dom.contains("random &lt;script&gt;") && !dom.contains("<script>"), "names are escaped");

        HeadlessChromium.screenshot(html, png, tmp);
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 10_000, "a real page was rendered, " + bytes.length + " bytes");
        byte[] header = new byte[4];
        System.arraycopy(bytes, 0, header, 0, 4);
        assertArrayEquals(PNG, header);
    }

}
