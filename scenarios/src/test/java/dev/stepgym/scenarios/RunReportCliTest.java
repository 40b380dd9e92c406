package dev.stepgym.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.scenarios.cli.StepGymCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.stepgym.scenarios.report.SelfContained.assertSelfContained;
import static dev.stepgym.scenarios.report.SelfContained.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run report as a user gets it: real {@code stepgym run} and {@code stepgym eval} of shop-v1
 * episodes through the CLI write a self-contained HTML page (and its JSON twin) with the episode
 * table, the return histograms, the stacked per-step components and the step timelines.
 */
class RunReportCliTest {
    /** Standard output and standard error of one CLI call. */
    record Output(int exit, String out, String err) {
    }

    static Output cli(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = StepGymCli.execute(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        Output output = new Output(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        originalOut.print(output.out());
        originalErr.print(output.err());
        return output;
    }

    @Test
    void runWritesASelfContainedReportOfEveryEpisodeAndShowsProgressWhenAsked(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("out/run.html");
        Output run = cli("run", "--scenario", "shop-demo", "--episodes", "3", "--quiet", "--progress",
                "--record-dir", tmp.resolve("runs").toString(), "--report", report.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("report: " + report.toAbsolutePath()), run.out());
        assertTrue(run.err().contains("3/3 episodes") && run.err().contains("done in"),
                "the forced progress bar reached the end on standard error: " + run.err());
        assertFalse(run.out().contains("\r") || run.out().contains("3/3 episodes"), "the bar never goes to standard output");

        String html = Files.readString(report);
        assertSelfContained(html);
        assertTrue(html.contains("<h1>StepGym run: shop-demo</h1>"), html.substring(0, 600));
        assertEquals(3, count(html, "<tr class=\"episode\">"), "one table row per episode");
        assertEquals(1, count(html, "class=\"histogram\""), "one return histogram for the one agent");
        assertTrue(html.contains("class=\"stacked\"") && html.contains("step 1, progress: mean +"),
                "the per-step chart stacks the shaping component 'progress'");
        assertTrue(html.contains("step 5, progress: mean -"), "and its negative part at the purchase, below zero");
        assertEquals(3, count(html, "class=\"timeline\""), "a timeline per episode");
        assertTrue(html.contains("<title>step 1: search["), "hovering the first mark shows the oracle's search");
        assertTrue(html.contains("attribute_match"), "the purchase's outcome parts are among the components");
        assertFalse(html.contains("hidden-timelines"), "nothing hidden with three episodes");

        JsonNode json = Json.tree(Files.readString(tmp.resolve("out/run.json")));
        assertEquals("run", json.get("command").asText());
        JsonNode episodes = json.get("agents").get(0).get("episodes");
        assertEquals(3, episodes.size());
        JsonNode first = episodes.get(0);
        assertEquals(first.get("steps").asInt(), first.get("step_list").size(), first.toString());
        double sum = 0;
        for (JsonNode step : first.get("step_list")) {
            double components = 0;
            for (JsonNode c : step.get("components")) {
                components += c.asDouble();
            }
            assertEquals(step.get("reward").asDouble(), components, 1e-9, "the components add up to the step reward");
            sum += step.get("reward").asDouble();
        }
        assertEquals(first.get("total_return").asDouble(), sum, 1e-9);
    }

    @Test
    void evalPutsEveryAgentInOneReport(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("eval.html");
        Output eval = cli("eval", "--scenario", "shop-oracle", "--agent", "oracle-shop", "--agent", "random", "--episodes", "4",
                "--no-components", "--record-dir", tmp.resolve("runs").toString(), "--report", report.toString());
        assertEquals(0, eval.exit(), eval.err());
        assertFalse(eval.err().contains("\r") || eval.err().contains("/8 episodes"), "no bar without a terminal unless asked");
        String html = Files.readString(report);
        assertSelfContained(html);
        assertEquals(8, count(html, "<tr class=\"episode\">"), "four episodes for each of two agents");
        assertEquals(2, count(html, "class=\"histogram\""));
        assertEquals(2, count(html, "class=\"stacked\""));
        assertEquals(8, count(html, "class=\"timeline\""));
        assertTrue(html.contains("<td class=\"l\">oracle-shop</td>") && html.contains("<td class=\"l\">random</td>"));
        assertTrue(html.contains("<td class=\"ok\">yes</td>"), "the oracle's purchases count as successes");
        JsonNode json = Json.tree(Files.readString(tmp.resolve("eval.json")));
        assertEquals(2, json.get("agents").size());
        assertEquals("random", json.get("agents").get(1).get("agent").asText());
    }

    @Test
    void anUnwritableReportPathIsOneClearErrorBeforeAnyEpisodeRuns(@TempDir Path tmp) throws Exception {
        Path blocker = tmp.resolve("file");
        Files.writeString(blocker, "not a folder");
        Output run = cli("run", "--scenario", "shop-demo", "--episodes", "1", "--quiet",
                "--record-dir", tmp.resolve("runs").toString(), "--report", blocker.resolve("r.html").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("stepgym: cannot write the report to " + blocker.resolve("r.html")), run.err());
        assertFalse(Files.exists(tmp.resolve("runs")), "no episode ran");
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }
}
