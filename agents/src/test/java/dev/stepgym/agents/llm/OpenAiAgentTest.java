package dev.stepgym.agents.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.agents.Agent;
import dev.stepgym.agents.AgentConfig;
import dev.stepgym.agents.Agents;
import dev.stepgym.agents.EpisodeStart;
import dev.stepgym.agents.Policy;
import dev.stepgym.agents.llm.ChatCompletionsStandIn.Reply;
import dev.stepgym.agents.llm.ChatCompletionsStandIn.ToolCall;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.ToolSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code openai} agent against the local chat-completions stand-in: prompts, parsing, retries, timeouts, keys. */
@Timeout(60)
class OpenAiAgentTest {
    private static final EnvSpec SHOP_LIKE = new EnvSpec("store-v1", "A small store: search, then click products and buy.", "text",
            List.of(ToolSpec.withStringArgument("search", "Search the catalog", "query", "what to look for"),
                    ToolSpec.withStringArgument("click", "Click a listed target", "target", "a button or product id")),
            15, List.of("progress"));
    private static final Observation SEARCH_PAGE = new Observation("Search page. Find red shoes.", List.of("search[...]"), Map.of(), null);

    private static EpisodeStart start(Observation observation) {
        return new EpisodeStart("ep-1", SHOP_LIKE, observation, Map.of("instruction", "i need red running shoes under 40 dollars"), 7L);
    }

    /** An agent built through the provider with {@code environment} as the process environment. */
    private static Agent agent(ChatCompletionsStandIn model, Map<String, String> environment, Map<String, Object> options) {
        Map<String, Object> all = new HashMap<>(Map.of("model", "scripted", "base_url", model.baseUrl(), "retry_backoff_ms", 10));
        all.putAll(options);
        return new OpenAiAgentProvider(environment::get).create(new AgentConfig(0, all));
    }

    private static Agent agent(ChatCompletionsStandIn model, Map<String, Object> options) {
        return agent(model, Map.of(), options);
    }

    /** A stand-in answering the scripted replies in order. */
    private static ChatCompletionsStandIn scripted(Reply... replies) {
        Deque<Reply> queue = new ArrayDeque<>(List.of(replies));
        return new ChatCompletionsStandIn(request -> {
            Reply next = queue.poll();
            if (next == null) {
                throw new IllegalStateException("the script has no reply left");
            }
            return next;
        });
    }

    @Test
    void thePromptHoldsTheEnvironmentTheInstructionTheObservationAndTheTools() {
        try (ChatCompletionsStandIn model = scripted(Reply.text("search[red running shoes]\nthe goal names them"))) {
            Policy policy = agent(model, Map.of("temperature", 0.3, "max_tokens", 77)).start(start(SEARCH_PAGE));
            assertEquals(Action.text("search[red running shoes]"), policy.next(SEARCH_PAGE));

            JsonNode request = model.requests().get(0).body();
            assertEquals("/v1/chat/completions", model.requests().get(0).path());
            assertEquals("scripted", request.path("model").asText());
            assertEquals(0.3, request.path("temperature").asDouble());
            assertEquals(77, request.path("max_tokens").asInt());
            JsonNode messages = request.path("messages");
            assertEquals("system", messages.get(0).path("role").asText());
            String system = messages.get(0).path("content").asText();
            assertTrue(system.contains("store-v1") && system.contains("A small store"), system);
            assertTrue(system.contains("first line") && system.contains("```action"), "the reply convention is stated: " + system);
            assertTrue(system.contains("at most 15 steps"), system);
            String user = messages.get(1).path("content").asText();
            assertTrue(user.contains("Instruction: i need red running shoes under 40 dollars"), user);
            assertTrue(user.contains("Search page. Find red shoes.") && user.contains("- search[...]"), user);
            assertEquals(List.of("search", "click"), request.path("tools").findValuesAsText("name"));
            assertEquals("function", request.path("tools").get(0).path("type").asText());
            assertEquals("query", request.path("tools").get(0).path("function").path("parameters").path("required").get(0).asText());
            assertEquals("auto", request.path("tool_choice").asText());
        }
        try (ChatCompletionsStandIn model = scripted(Reply.text("search[x]"))) {
            agent(model, Map.of("use_tools", false)).start(start(SEARCH_PAGE)).next(SEARCH_PAGE);
            JsonNode request = model.requests().get(0).body();
            assertTrue(request.path("tools").isMissingNode() && request.path("tool_choice").isMissingNode(), request.toString());
        }
    }

    @Test
    void toolCallsBecomeToolActionsAndTheNextObservationAnswersTheCall() {
        try (ChatCompletionsStandIn model = scripted(
                Reply.toolCalls("searching", ToolCall.of("search", Map.of("query", "red shoes")), ToolCall.of("click", Map.of("target", "b01"))),
                Reply.text("click[b02]"),
                Reply.text("click[buy now]"))) {
            Policy policy = agent(model, Map.of()).start(start(SEARCH_PAGE));
            assertEquals(Action.tool("search", Map.of("query", "red shoes")), policy.next(SEARCH_PAGE));
            Observation results = new Observation("Results: b01 red shoe, b02 red sneaker", List.of("click[b01]", "click[b02]"), Map.of(), null);
            assertEquals(Action.text("click[b02]"), policy.next(results));
            assertEquals(Action.text("click[buy now]"),
                    policy.next(results.withError("no such target 'b03' on this page")));

            JsonNode second = model.requests().get(1).messages();
            assertEquals(5, second.size(), second.toString());
            JsonNode assistant = second.get(2);
            assertEquals("assistant", assistant.path("role").asText());
            assertEquals(2, assistant.path("tool_calls").size());
            JsonNode answer = second.get(3);
            assertEquals("tool", answer.path("role").asText());
            assertEquals(assistant.path("tool_calls").get(0).path("id").asText(), answer.path("tool_call_id").asText());
            assertTrue(answer.path("content").asText().contains("b02 red sneaker"), answer.toString());
            assertEquals(assistant.path("tool_calls").get(1).path("id").asText(), second.get(4).path("tool_call_id").asText());
            assertTrue(second.get(4).path("content").asText().startsWith("Not executed"), "every tool call gets its answer");

            String third = ChatCompletionsStandIn.lastObservation(model.requests().get(2).body());
            assertTrue(third.startsWith("Your last action was not accepted: no such target 'b03'"), third);
            assertEquals("user", model.requests().get(2).messages().get(6).path("role").asText(), "a text action is answered by a user message");
        }
    }

    @Test
    void anUnreadableReplyIsAskedAgainOnceThenSentAsText() {
        try (ChatCompletionsStandIn model = scripted(
                Reply.rawToolCall("search", "{\"query\": "), Reply.text("search[red shoes]"),
                Reply.text(""), Reply.text("  \n")) ) {
            Policy policy = agent(model, Map.of()).start(start(SEARCH_PAGE));
            assertEquals(Action.text("search[red shoes]"), policy.next(SEARCH_PAGE));
            JsonNode reask = model.requests().get(1).messages();
            JsonNode toolAnswer = reask.get(reask.size() - 1);
            assertEquals("tool", toolAnswer.path("role").asText(), "the malformed call is answered with the parse error");
            assertTrue(toolAnswer.path("content").asText().contains("not valid JSON"), toolAnswer.toString());

            Action fallback = policy.next(SEARCH_PAGE);
            assertEquals(Action.text(""), fallback, "after one re-ask the raw text goes to the environment, which will say what is wrong");
            assertEquals(4, model.requests().size(), "exactly one re-ask per unreadable reply");
            String secondReask = ChatCompletionsStandIn.lastObservation(model.requests().get(3).body());
            assertTrue(secondReask.contains("could not read an action") && secondReask.contains("empty"), secondReask);
        }
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriedWithBackOffThenSucceed() {
        try (ChatCompletionsStandIn model = scripted(Reply.text("search[a]"), Reply.text("search[b]"))) {
            model.failNext(429, 2);
            Policy policy = agent(model, Map.of("retries", 3)).start(start(SEARCH_PAGE));
            assertEquals(Action.text("search[a]"), policy.next(SEARCH_PAGE));
            assertEquals(3, model.requests().size(), "two refusals, then the answer");
            model.failNext(503, 1);
            assertEquals(Action.text("search[b]"), policy.next(SEARCH_PAGE));
            assertEquals(5, model.requests().size());
        }
    }

    @Test
    void anEndpointThatKeepsFailingEndsWithAClearMessageAfterTheRetries() {
        try (ChatCompletionsStandIn model = scripted()) {
            model.failNext(500, 100);
            long began = System.nanoTime();
            LlmEndpointException e = assertThrows(LlmEndpointException.class,
                    () -> agent(model, Map.of("retries", 2, "retry_backoff_ms", 50)).start(start(SEARCH_PAGE)).next(SEARCH_PAGE));
            long millis = (System.nanoTime() - began) / 1_000_000;
            assertEquals(3, model.requests().size(), "one attempt and two retries");
            assertTrue(millis >= 150, "waited 50 + 100 ms between attempts: " + millis);
            assertTrue(e.getMessage().contains("failed after 3 attempts") && e.getMessage().contains("HTTP 500")
                    && e.getMessage().contains(model.baseUrl() + "/chat/completions"), e.getMessage());
            assertEquals(500, e.status());
        }
        try (ChatCompletionsStandIn model = scripted()) {
            model.failNext(401, 100);
            LlmEndpointException e = assertThrows(LlmEndpointException.class,
                    () -> agent(model, Map.of("retries", 5)).start(start(SEARCH_PAGE)).next(SEARCH_PAGE));
            assertEquals(1, model.requests().size(), "a refused key is not retried");
            assertTrue(e.getMessage().contains("failed after 1 attempt: HTTP 401"), e.getMessage());
        }
        try (ChatCompletionsStandIn model = new ChatCompletionsStandIn(r -> Reply.http(200, "<html>proxy error</html>"))) {
            LlmEndpointException e = assertThrows(LlmEndpointException.class,
                    () -> agent(model, Map.of()).start(start(SEARCH_PAGE)).next(SEARCH_PAGE));
            assertTrue(e.getMessage().contains("not JSON") && e.getMessage().contains("proxy error"), e.getMessage());
        }
    }

    @Test
    void aDownEndpointFailsFastWithTheConnectionError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Agent agent = new OpenAiAgentProvider(name -> null).create(new AgentConfig(0, Map.of("model", "m",
                "base_url", "http://127.0.0.1:" + closedPort + "/v1", "retries", 1, "retry_backoff_ms", 10)));
        LlmEndpointException e = assertThrows(LlmEndpointException.class, () -> agent.start(start(SEARCH_PAGE)).next(SEARCH_PAGE));
        assertTrue(e.getMessage().contains("failed after 2 attempts: connection failed"), e.getMessage());
        assertEquals(0, e.status());
    }

    @Test
    void aStalledRequestTimesOutIsRetriedAndNeverHangs() {
        try (ChatCompletionsStandIn model = scripted(Reply.text("search[late]"))) {
            model.stallNext(Duration.ofSeconds(5), 1);
            Policy policy = agent(model, Map.of("timeout_seconds", 0.5, "retries", 1)).start(start(SEARCH_PAGE));
            long began = System.nanoTime();
            assertEquals(Action.text("search[late]"), policy.next(SEARCH_PAGE));
            assertTrue((System.nanoTime() - began) / 1_000_000 < 4000, "the stalled attempt was abandoned at the timeout");
            assertEquals(2, model.requests().size());
        }
        try (ChatCompletionsStandIn model = scripted()) {
            model.stallNext(Duration.ofSeconds(10), 100);
            long began = System.nanoTime();
            LlmEndpointException e = assertThrows(LlmEndpointException.class,
                    () -> agent(model, Map.of("timeout_seconds", 0.3, "retries", 1)).start(start(SEARCH_PAGE)).next(SEARCH_PAGE));
            assertTrue(e.getMessage().contains("no answer within 0.3 s"), e.getMessage());
            assertTrue((System.nanoTime() - began) / 1_000_000 < 5000, "two bounded attempts");
        }
    }

    @Test
    void theKeyComesFromTheEnvironmentAndIsNeverShown() {
        String key = "sk-test-0123456789secret";
        try (ChatCompletionsStandIn model = scripted(Reply.text("search[a]"), Reply.text("search[b]"), Reply.text("search[c]"))) {
            OpenAiAgent byDefault = assertInstanceOf(OpenAiAgent.class, agent(model, Map.of("OPENAI_API_KEY", key), Map.of()));
            byDefault.start(start(SEARCH_PAGE)).next(SEARCH_PAGE);
            assertEquals("Bearer " + key, model.requests().get(0).header("Authorization"));
            assertFalse(byDefault.settings().toString().contains(key), byDefault.settings().toString());

            agent(model, Map.of("MY_LLM_KEY", "other-key"), Map.of("api_key_env", "MY_LLM_KEY")).start(start(SEARCH_PAGE)).next(SEARCH_PAGE);
            assertEquals("Bearer other-key", model.requests().get(1).header("Authorization"));

            agent(model, Map.of()).start(start(SEARCH_PAGE)).next(SEARCH_PAGE);
            assertNull(model.requests().get(2).header("Authorization"), "no key, no header (local servers need none)");

            IllegalArgumentException unset = assertThrows(IllegalArgumentException.class,
                    () -> agent(model, Map.of(), Map.of("api_key_env", "MY_LLM_KEY")));
            assertTrue(unset.getMessage().contains("MY_LLM_KEY") && unset.getMessage().contains("not set"), unset.getMessage());
            IllegalArgumentException keyInstead = assertThrows(IllegalArgumentException.class,
                    () -> agent(model, Map.of(), Map.of("api_key_env", key)));
            assertFalse(keyInstead.getMessage().contains(key), "a key given by mistake is not echoed: " + keyInstead.getMessage());
        }
        try (ChatCompletionsStandIn model = scripted()) {
            model.failNext(401, 1);
            LlmEndpointException e = assertThrows(LlmEndpointException.class,
                    () -> agent(model, Map.of("OPENAI_API_KEY", key), Map.of()).start(start(SEARCH_PAGE)).next(SEARCH_PAGE));
            assertFalse(e.getMessage().contains(key), e.getMessage());
        }
    }

    @Test
    void theConversationKeepsTheFirstMessagesAndTheLastTurns() {
        try (ChatCompletionsStandIn model = new ChatCompletionsStandIn(r -> Reply.text("search[again]"))) {
            Policy policy = agent(model, Map.of("history_turns", 2)).start(start(SEARCH_PAGE));
            for (int step = 0; step < 8; step++) {
                policy.next(new Observation("page " + step, List.of(), Map.of(), null));
            }
            JsonNode last = model.requests().get(7).messages();
            assertEquals(2 + 2 * 2, last.size(), "system, first user message and the last two whole turns: " + last);
            assertTrue(last.get(1).path("content").asText().contains("Instruction:"), "the instruction is never dropped");
            assertEquals("assistant", last.get(2).path("role").asText(), "a kept turn starts with its assistant reply");
            assertTrue(last.get(last.size() - 1).path("content").asText().contains("page 7"));
        }
    }

    @Test
    void settingsAreCheckedAndNamesCarryTheModel() {
        try (ChatCompletionsStandIn model = scripted()) {
            Agent agent = Agents.create("openai:gpt-4o-mini", new AgentConfig(0, Map.of("base_url", model.baseUrl())));
            OpenAiAgent openai = assertInstanceOf(OpenAiAgent.class, agent);
            assertEquals("gpt-4o-mini", openai.settings().model());
            assertEquals("openai:gpt-4o-mini", agent.name());
            assertEquals(model.baseUrl() + "/chat/completions", openai.settings().chatCompletionsUri().toString());
        }
        IllegalArgumentException noModel = assertThrows(IllegalArgumentException.class, () -> Agents.create("openai", 0));
        assertTrue(noModel.getMessage().contains("openai:MODEL"), noModel.getMessage());
        IllegalArgumentException noArgument = assertThrows(IllegalArgumentException.class, () -> Agents.create("random:x", 0));
        assertTrue(noArgument.getMessage().contains("takes no argument"), noArgument.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Agents.create("nobody:x", 0));
        assertTrue(unknown.getMessage().contains("openai:<model>"), unknown.getMessage());
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
                () -> Agents.create("openai:a", new AgentConfig(0, Map.of("model", "b"))));
        assertTrue(clash.getMessage().contains("already"), clash.getMessage());
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("temperature", "warm"), Map.<String, Object>of("retries", -1),
                Map.<String, Object>of("max_tokens", 1.5), Map.<String, Object>of("base_url", "ftp://x"),
                Map.<String, Object>of("timeout_seconds", 0), Map.<String, Object>of("use_tools", "maybe"))) {
            Map<String, Object> options = new HashMap<>(bad);
            options.put("model", "m");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new OpenAiAgentProvider(name -> null).create(new AgentConfig(0, options)), bad.toString());
            String key = bad.keySet().iterator().next();
            assertTrue(e.getMessage().contains(key.replace("_", " ")) || e.getMessage().contains(key) || e.getMessage().contains("URL")
                    || e.getMessage().contains("timeout"), e.getMessage());
        }
        assertEquals("http://localhost:9/v1", new OpenAiAgentProvider(Map.of("OPENAI_BASE_URL", "http://localhost:9/v1/")::get)
                .create(new AgentConfig(0, Map.of("model", "m"))) instanceof OpenAiAgent a ? a.settings().baseUrl().toString() : null,
                "the base URL falls back to OPENAI_BASE_URL");
    }
}
