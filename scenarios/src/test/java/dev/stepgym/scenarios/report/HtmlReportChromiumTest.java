package dev.stepgym.scenarios.report;

import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
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
        CodeEvalReport.TaskResult solved = new CodeEvalReport.TaskResult("inventory-price-of-optional", "ep-1", true, true, 1.0,
                1.0, 4, 0.35, 1.4, 2.4, 1.6, List.of(1, 1, 0, 0, 0), List.of(0.0, 0.9, 0.5, 1.0), List.of(
                step(1, "diagnostics{}", 0), step(2, "apply_patch{patch=...}", 0, lsp("diagnostic_delta", 1, 0.5),
                        lsp("safety", 1, 0.4)), step(3, "run_tests{}", 0, new RewardComponent("test_pass_delta", 0.5, 1,
                        "tests:visible", RewardKind.STEP)), step(4, "submit{}", 0, new RewardComponent("hidden_tests", 1, 1,
                        "tests:hidden", RewardKind.OUTCOME))), null, null);
        CodeEvalReport.TaskResult damaged = new CodeEvalReport.TaskResult("geometry-rename-distance", "ep-2", true, false, 0.0,
                0.0, 2, -0.15, -0.3, -0.4, 3.0, List.of(2, 5, 5), List.of(-0.3, -0.1), List.of(
                step(1, "write_file{path=geometry/shapes.py, content=garbage}", 5, lsp("diagnostic_delta", -3, 0.5),
                        lsp("safety", 1, 0.4)), step(2, "write_file{path=../x.py}", 5, lsp("safety", 0, 0.4),
                        new RewardComponent("invalid_action", -1, 0.1, "env:code", RewardKind.PENALTY))),
                "logs/cmd/geometry-rename-distance.log", "a <b>bad</b> day");
        return new CodeEvalReport("built-in", List.of(
                CodeEvalRecorder.agent("oracle-code", CodeEvalReport.Source.AGENT, "runs/oracle-code", List.of(solved)),
                CodeEvalRecorder.agent("random <script>", CodeEvalReport.Source.COMMAND, "runs/cmd-random", List.of(damaged,
                        CodeEvalReport.TaskResult.failed("inventory-price-of-optional", null, 0, null, "reset failed")))));
    }

    private static RewardComponent lsp(String name, double value, double weight) {
        return new RewardComponent(name, value, weight, "lsp:pyright", RewardKind.STEP);
    }

    private static CodeEvalReport.StepDetail step(int step, String action, int diagnostics, RewardComponent... components) {
        return new CodeEvalReport.StepDetail(step, action, RewardComponent.total(List.of(components)), diagnostics,
                null, List.of(components));
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
        assertTrue(dom.contains("id=\"pass-rates\"") && dom.contains("95% CI (Wilson)") && dom.contains("class=\"components\""),
                "the pass rates with their intervals and the per-step component charts are there");
        assertTrue(dom.contains("class=\"steps\"") && dom.contains("diagnostic_delta") && dom.contains("-1.500"),
                "the per-step table shows the language-server components, weighted");
        String page = Files.readString(html);
        assertTrue(!page.contains("http:") && !page.contains("https:") && !page.contains("src=") && !page.contains("href=") && !page.contains("<script"),
                "no external asset, no script");

        HeadlessChromium.screenshot(html, png, tmp);
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 10_000, "a real page was rendered, " + bytes.length + " bytes");
        byte[] header = new byte[4];
        System.arraycopy(bytes, 0, header, 0, 4);
        assertArrayEquals(PNG, header);
    }

}
