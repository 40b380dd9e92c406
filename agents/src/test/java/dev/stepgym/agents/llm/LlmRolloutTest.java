package dev.stepgym.agents.llm;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.AgentConfig;
import dev.stepgym.agents.Agents;
import dev.stepgym.agents.client.StepGymClient;
import dev.stepgym.agents.llm.ChatCompletionsStandIn.Reply;
import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.EpisodeSpec;
import dev.stepgym.agents.rollout.RolloutOptions;
import dev.stepgym.agents.rollout.RolloutRunner;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code openai:scripted} plays {@code counter-v1} episodes on a real server through the rollout runner. */
@Timeout(60)
class LlmRolloutTest {
    private static final Pattern COUNTER = Pattern.compile("count=(-?\\d+) target=(\\d+)");

    /** Reads the counter from the latest observation: a tool call adding what is missing, then the text action done. */
    private static Reply counterPolicy(com.fasterxml.jackson.databind.JsonNode request) {
        Matcher m = COUNTER.matcher(ChatCompletionsStandIn.lastObservation(request));
        if (!m.find()) {
            return Reply.text("I am lost");
        }
        int missing = Integer.parseInt(m.group(2)) - Integer.parseInt(m.group(1));
        return missing == 0 ? Reply.text("done\nthe counter is at its target") : Reply.toolCall("add", Map.of("amount", missing));
    }

    @Test
    void theLlmAgentCompletesEpisodesWithToolCallsAndTextActions() {
        try (TestServer server = TestServer.start();
             StepGymClient client = StepGymClient.connect(server.baseUrl());
             ChatCompletionsStandIn model = new ChatCompletionsStandIn(LlmRolloutTest::counterPolicy)) {
            Agent agent = Agents.create("openai:scripted", new AgentConfig(0, Map.of("base_url", model.baseUrl())));
            List<EpisodeReport> reports = new RolloutRunner(client, RolloutOptions.concurrency(4))
                    .run(EpisodeSpec.seeds("counter-v1", 0, 8), agent);
            for (EpisodeReport report : reports) {
                assertTrue(report.ok(), report.error());
                assertTrue(report.terminated());
                assertEquals(Boolean.TRUE, report.outcome().get("success"), report.toString());
                assertEquals(Action.text("done"), report.actions().get(report.actions().size() - 1));
                assertEquals("add", report.actions().get(0).tool());
            }
            assertTrue(model.requests().stream().allMatch(r -> r.body().path("tools").size() == 4),
                    "counter-v1's four tool schemas go with every request");
        }
    }

    @Test
    void anEndpointThatFailsEndsTheEpisodeWithAClearErrorAndTheOthersStillClose() {
        try (TestServer server = TestServer.start();
             StepGymClient client = StepGymClient.connect(server.baseUrl());
             ChatCompletionsStandIn model = new ChatCompletionsStandIn(LlmRolloutTest::counterPolicy)) {
            model.failNext(500, 1000);
            Agent agent = Agents.create("openai:scripted", new AgentConfig(0, Map.of("base_url", model.baseUrl(),
                    "retries", 1, "retry_backoff_ms", 10)));
            List<EpisodeReport> reports = new RolloutRunner(client, RolloutOptions.concurrency(2))
                    .run(EpisodeSpec.seeds("counter-v1", 0, 2), agent);
            for (EpisodeReport report : reports) {
                assertNotNull(report.error());
                assertTrue(report.error().contains("LlmEndpointException") && report.error().contains("failed after 2 attempts: HTTP 500"),
                        report.error());
                assertEquals(0, report.steps());
            }
            assertEquals(0, server.manager().openEpisodes(), "every episode was closed");
        }
    }
}
