package dev.stepgym.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.agents.llm.ChatCompletionsStandIn;
import dev.stepgym.agents.llm.ChatCompletionsStandIn.Reply;
import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.StepListener;
import dev.stepgym.envs.code.CodeEnvironmentProvider;
import dev.stepgym.envs.code.CodeStore;
import dev.stepgym.envs.code.task.CodeTask;
import dev.stepgym.envs.code.task.CodeTaskLoader;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.scenarios.cli.StepGymCli;
import dev.stepgym.scenarios.run.ScenarioRunner;
import dev.stepgym.scenarios.run.SummaryTable;
import dev.stepgym.scenarios.scenario.Scenario;
import dev.stepgym.scenarios.scenario.ScenarioLoader;
import dev.stepgym.scenarios.server.ScenarioConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code openai:MODEL} agent end to end: an embedded server, the agent pointed at the local
 * chat-completions stand-in, whose scripted policy reads only what the agent sent it (the latest
 * observation in the last message) and answers with text actions and tool calls, as a model would.
 */
@Timeout(300)
class LlmAgentTest {
    private static final Pattern INSTRUCTION = Pattern.compile("Instruction: (.+)");
    private static final Pattern RESULT = Pattern.compile("\\[([A-Z0-9]{10})] (.+) - \\$([0-9.,]+)");
    private static final Pattern PRICE_LIMIT = Pattern.compile("price lower than ([0-9.]+) dollars");
    private static final Pattern UNSELECTED = Pattern.compile("\\[ ] ([^;]+);");

    /**
     * A shopper that reads the page: search (a tool call) with the instruction's words, click the
     * result sharing most words with the instruction under the price limit (a text action), choose
     * the option values the instruction names (text), then buy (a tool call).
     */
    static Reply shopper(JsonNode request) {
        String page = ChatCompletionsStandIn.lastObservation(request);
        Matcher instructionLine = INSTRUCTION.matcher(page);
        String instruction = instructionLine.find() ? instructionLine.group(1).toLowerCase(Locale.ROOT) : "";
        if (page.contains("[Search page]")) {
            String query = instruction.replaceFirst("^i (need|want|am looking for) (an? )?", "")
                    .replaceFirst(",? and price lower than .*$", "");
            return Reply.toolCall("search", Map.of("query", query));
        }
        if (page.contains("Search results for")) {
            Matcher limit = PRICE_LIMIT.matcher(instruction);
            double maxPrice = limit.find() ? Double.parseDouble(limit.group(1)) : Double.MAX_VALUE;
            List<String[]> results = new ArrayList<>();
            Matcher row = RESULT.matcher(page);
            while (row.find()) {
                results.add(new String[] {row.group(1), row.group(2), row.group(3).replace(",", "")});
            }
            return results.stream()
                    .filter(r -> Double.parseDouble(r[2]) < maxPrice)
                    .max(Comparator.comparingLong(r -> shared(r[1], instruction)))
                    .map(r -> Reply.text("click[" + r[0].toLowerCase(Locale.ROOT) + "]\nit matches the instruction best"))
                    .orElse(Reply.text("click[back to search]"));
        }
        if (page.contains("Buttons: Description")) {
            Matcher option = UNSELECTED.matcher(page);
            while (option.find()) {
                String value = option.group(1).trim().toLowerCase(Locale.ROOT);
                if (Pattern.compile("(?<![\\w-])" + Pattern.quote(value) + "(?![\\w-])").matcher(instruction).find()) {
                    return Reply.text("```action\nclick[" + value + "]\n```");
                }
            }
            return Reply.toolCall("click", Map.of("target", "buy now"));
        }
        return Reply.text("click[back to search]");
    }

    private static long shared(String title, String instruction) {
        List<String> words = List.of(instruction.split("[^a-z0-9]+"));
        return java.util.Arrays.stream(title.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")).distinct().filter(words::contains).count();
    }

    private static Map<String, Object> pointedAt(ChatCompletionsStandIn model) {
        return Map.of("base_url", model.baseUrl(), "retry_backoff_ms", 10);
    }

    @Test
    void theLlmAgentCompletesShopEpisodesAgainstTheStandIn(@TempDir Path records) {
        Scenario scenario = ScenarioLoader.load("shop-random").withAgent("openai:scripted").withEpisodes(12).withConcurrency(4);
        try (ChatCompletionsStandIn model = new ChatCompletionsStandIn(LlmAgentTest::shopper);
             RunningServer server = RunningServer.start(ScenarioConfig.forScenario(scenario, records), ScenarioConfig.registry(scenario))) {
            List<EpisodeReport> reports = ScenarioRunner.run(scenario, server, StepListener.NONE, pointedAt(model));
            SummaryTable.header(System.out, 0.5);
            SummaryTable.row(System.out, "openai:scripted", reports, 0.5);
            for (EpisodeReport report : reports) {
                assertTrue(report.ok(), report.error());
                assertTrue(report.terminated(), "bought before the step limit: " + report.actions());
                assertTrue(report.score().orElse(0) > 0, "a purchase that earns a positive score: " + report);
                assertEquals("search", report.actions().get(0).tool(), "the search went as a tool call");
                assertTrue(report.actions().get(1).isText(), "the click went as a text action");
            }
            double mean = SummaryTable.meanScore(reports);
            assertTrue(mean >= 0.5, "mean score " + mean);
            JsonNode first = model.requests().get(0).body();
            assertEquals("scripted", first.path("model").asText());
            assertTrue(first.path("messages").get(0).path("content").asText().contains("shop-v1"), "the env's description is in the prompt");
            assertEquals(List.of("search", "click"), first.path("tools").findValuesAsText("name"));
        }
    }

    @Test
    void runThroughTheCliWithTheLlmFlags(@TempDir Path records) {
        try (ChatCompletionsStandIn model = new ChatCompletionsStandIn(LlmAgentTest::shopper)) {
            PrintStream original = System.out;
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            int exit;
            try {
                exit = StepGymCli.execute("run", "--scenario", "shop-demo", "--agent", "openai:scripted", "--episodes", "2",
                        "--record-dir", records.toString(), "--llm-base-url", model.baseUrl(), "--llm-temperature", "0.7",
                        "--llm-max-tokens", "200", "--llm-timeout-seconds", "20", "--llm-retries", "1");
            } finally {
                System.setOut(original);
            }
            String out = buffer.toString(StandardCharsets.UTF_8);
            original.print(out);
            assertEquals(0, exit, out);
            assertTrue(out.contains("agent openai:scripted") && out.contains("[terminated]"), out);
            JsonNode request = model.requests().get(0).body();
            assertEquals(0.7, request.path("temperature").asDouble());
            assertEquals(200, request.path("max_tokens").asInt());

            assertEquals(2, StepGymCli.execute("run", "--scenario", "shop-demo", "--agent", "openai:scripted",
                    "--record-dir", records.toString(), "--llm-api-key-env", "STEPGYM_NO_SUCH_VARIABLE_SET"),
                    "a key variable that is not set is a usage error before anything runs");
        }
    }

    @Test
    void aDownEndpointFailsTheEpisodesWithAClearMessage(@TempDir Path records) {
        Scenario scenario = ScenarioLoader.load("shop-random").withAgent("openai:scripted").withEpisodes(2);
        try (ChatCompletionsStandIn model = new ChatCompletionsStandIn(LlmAgentTest::shopper)) {
            model.failNext(503, 1000);
            List<EpisodeReport> reports = ScenarioRunner.run(scenario, records, StepListener.NONE,
                    Map.of("base_url", model.baseUrl(), "retries", 2, "retry_backoff_ms", 10));
            for (EpisodeReport report : reports) {
                assertTrue(report.error() != null && report.error().contains("failed after 3 attempts: HTTP 503"), String.valueOf(report.error()));
            }
        }
    }

    @Test
    @Tag("heavy")
    void theLlmAgentSolvesACodeTaskWithToolCalls(@TempDir Path records) {
        Path suite = CodeStore.builtInSuite();
        CodeTask task = CodeTaskLoader.loadAll(suite).stream().filter(CodeTask::hasReferencePatch).findFirst().orElseThrow();
        Scenario scenario = new Scenario("llm-code", "one code-v1 task", CodeEnvironmentProvider.ID, "test", List.of(task.id()),
                new Scenario.Seeds(0, 1), "openai:scripted", Map.of(), false, Map.of(), null, CodeEnvironmentProvider.MAX_STEPS,
                Map.of("tasks_dir", suite.toString()), 1);
        // The stand-in knows the task's reference patch (a model would write one); it patches, then submits.
        try (ChatCompletionsStandIn model = new ChatCompletionsStandIn(request -> {
            long replies = 0;
            for (JsonNode message : request.path("messages")) {
                replies += message.path("role").asText().equals("assistant") ? 1 : 0;
            }
            return replies == 0 ? Reply.toolCall("apply_patch", Map.of("patch", task.referencePatch()))
                    : Reply.toolCall("submit", Map.of());
        })) {
            List<EpisodeReport> reports = ScenarioRunner.run(scenario, records, StepListener.NONE, pointedAt(model));
            EpisodeReport report = reports.get(0);
            assertTrue(report.ok(), report.error());
            assertEquals(List.of("apply_patch", "submit"), report.actions().stream().map(a -> a.tool()).toList());
            assertEquals(Boolean.TRUE, report.finalInfo().get("solved"), report.toString());
            assertEquals(1.0, report.score().orElse(0), 1e-9);
            String afterPatch = ChatCompletionsStandIn.lastObservation(model.requests().get(1).body());
            assertEquals("tool", model.requests().get(1).messages().get(3).path("role").asText(), "the patch's result answers the tool call");
            assertTrue(!afterPatch.isBlank(), afterPatch);
        }
    }
}
