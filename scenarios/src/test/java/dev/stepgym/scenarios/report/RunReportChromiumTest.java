package dev.stepgym.scenarios.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.scenarios.cli.StepGymCli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run report of a real {@code stepgym eval} (shop-v1, the oracle and the random agent) opens
 * in Debian's headless Chromium and its charts render: every chart has a laid-out size and bars
 * of non-zero area (measured in the browser), and a screenshot shows the charts' colours.
 */
@Tag("heavy")
class RunReportChromiumTest {
    /**
     * Appended to a copy of the page (the report itself has no script): measures each chart and its
     * bars as laid out, and writes the figures into the DOM that {@code --dump-dom} prints.
     */
    private static final String MEASURE = """
            <script>
            const charts = [...document.querySelectorAll('svg')].map(svg => {
              const box = svg.getBoundingClientRect();
              const bars = [...svg.querySelectorAll('rect')].filter(r => {
                const b = r.getBoundingClientRect(); return b.width > 0 && b.height > 0; }).length;
              return {cls: svg.getAttribute('class'), width: box.width, height: box.height, bars: bars};
            });
            const out = document.createElement('pre');
            out.id = 'measured';
            out.textContent = JSON.stringify(charts);
            document.body.appendChild(out);
            </script>
            """;

    @Test
    void theChartsOfARealRunRenderInHeadlessChromium(@TempDir Path tmp) throws Exception {
        Path html = tmp.resolve("eval.html");
        assertEquals(0, StepGymCli.execute("eval", "--scenario", "shop-oracle", "--agent", "oracle-shop", "--agent", "random",
                "--episodes", "3", "--no-components", "--no-progress", "--record-dir", tmp.resolve("runs").toString(),
                "--report", html.toString()));
        String page = Files.readString(html);
        SelfContained.assertSelfContained(page);

        Path measured = tmp.resolve("measured.html");
        Files.writeString(measured, page.replace("</body>", MEASURE + "</body>"));
        String dom = HeadlessChromium.dumpDom(measured, tmp);
        Matcher json = Pattern.compile("<pre id=\"measured\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertTrue(json.find(), "the measuring script ran: " + dom.substring(0, Math.min(400, dom.length())));
        JsonNode charts = Json.tree(json.group(1).replace("&quot;", "\"").replace("&amp;", "&"));
        int histograms = 0;
        int stacked = 0;
        int timelines = 0;
        for (JsonNode chart : charts) {
            String kind = chart.get("cls").asText();
            assertTrue(chart.get("width").asDouble() > 0 && chart.get("height").asDouble() >= 16, "laid out: " + chart);
            assertTrue(chart.get("bars").asInt() > 0, "its bars have an area: " + chart);
            switch (kind) {
                case "histogram" -> histograms++;
                case "stacked" -> stacked++;
                case "timeline" -> timelines++;
                default -> throw new AssertionError("unexpected chart " + chart);
            }
        }
        assertEquals(2, histograms, charts.toString());
        assertEquals(2, stacked, charts.toString());
        assertEquals(6, timelines, charts.toString());

        Path png = tmp.resolve("eval.png");
        HeadlessChromium.screenshot(html, png, tmp);
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() >= 1000, "a real page was rendered: " + image.getWidth() + "x" + image.getHeight());
        assertTrue(pixels(image, 0x1f77b4) > 300, "the first agent's histogram bars show in the screenshot");
        assertTrue(pixels(image, 0xff7f0e) > 300, "the second agent's, and the stacked components, too");
    }

    /** Pixels of exactly this colour (bar interiors are painted without anti-aliasing). */
    private static int pixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
