package dev.stepgym.rewards.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.rewards.igpo.IgpoPrompt;
import dev.stepgym.rewards.scoring.BeliefQuery.ChatTurn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAiCompletionsScorerTest {
    private static final double EPS = 1e-12;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void beliefIsExpOfMeanLogprobOverGoldTokensAndRequestCarriesEchoSettings() throws Exception {
        FakeCompletionsServer server = server((request, n) -> FakeCompletionsServer.Reply.ok(
                reply(echoChoice(request.get("prompt").asText(), 0, List.of("Par", "is"), List.of(-0.1, -0.3)))));
        BeliefScorer scorer = scorer(server, Map.of());
        BeliefQuery query = query("Paris");

        double p = scorer.belief(query).get(5, TimeUnit.SECONDS);

        assertEquals(Math.exp(-0.2), p, EPS);
        assertEquals("openai:test-model", scorer.source());
        assertEquals(1, server.received().size());
        FakeCompletionsServer.Received got = server.received().get(0);
        assertEquals("/v1/completions", got.path());
        assertNull(got.authorization());
        JsonNode body = got.body();
        assertEquals("test-model", body.get("model").asText());
        assertEquals(ChatPrompt.of(query).text(), body.get("prompt").asText());
        assertTrue(body.get("echo").asBoolean());
        assertEquals(0, body.get("logprobs").asInt());
        assertTrue(body.get("logprobs").isInt());
        assertEquals(1, body.get("max_tokens").asInt());
        assertEquals(0, body.get("temperature").asInt());
    }

    @Test
    void offsetsAreCountedInCodePointsAsPythonCountsThem() throws Exception {
        // The emoji and the clef are two UTF-16 units each but one code point: with Java indices the span
        // would end two characters late and take in the -9 suffix token.
        FakeCompletionsServer server = server((request, n) -> FakeCompletionsServer.Reply.ok(
                reply(echoChoice(request.get("prompt").asText(), 0, List.of("Par", "is"), List.of(-0.1, -0.3)))));
        BeliefScorer scorer = scorer(server, Map.of());
        BeliefQuery query = new BeliefQuery("q", List.of(new ChatTurn("user", "where? \uD83D\uDE00 \uD834\uDD1E")),
                "Paris", List.of(), List.of(), null);

        assertEquals(Math.exp(-0.2), scorer.belief(query).get(5, TimeUnit.SECONDS), EPS);
    }

    @Test
    void apiKeyIsSentAsBearerToken() throws Exception {
        FakeCompletionsServer server = server((request, n) -> FakeCompletionsServer.Reply.ok(
                reply(echoChoice(request.get("prompt").asText(), 0, List.of("Paris"), List.of(-0.5)))));
        BeliefScorer scorer = scorer(server, Map.of("scorer.api_key", "sk-local-123"));

        assertEquals(Math.exp(-0.5), scorer.belief(query("Paris")).get(5, TimeUnit.SECONDS), EPS);
        assertEquals("Bearer sk-local-123", server.received().get(0).authorization());
    }

    @Test
    void concurrentQueriesShareOneRequestAndAreMatchedByChoiceIndex() throws Exception {
        FakeCompletionsServer server = server((request, n) -> {
            JsonNode prompts = request.get("prompt");
            // Answer in reverse order: the scorer must match choices by their index field.
            return FakeCompletionsServer.Reply.ok(reply(
                    echoChoice(prompts.get(1).asText(), 1, List.of("Ro", "me"), List.of(-1.0, -2.0)),
                    echoChoice(prompts.get(0).asText(), 0, List.of("Par", "is"), List.of(-0.1, -0.3))));
        });
        BeliefScorer scorer = scorer(server, Map.of("scorer.max_batch", "2", "scorer.max_wait_ms", "2000"));
        BeliefQuery paris = query("Paris");
        BeliefQuery rome = query("Rome");

        CompletableFuture<Double> first = scorer.belief(paris);
        CompletableFuture<Double> second = scorer.belief(rome);

        assertEquals(Math.exp(-0.2), first.get(5, TimeUnit.SECONDS), EPS);
        assertEquals(Math.exp(-1.5), second.get(5, TimeUnit.SECONDS), EPS);
        assertEquals(1, server.received().size());
        JsonNode prompts = server.received().get(0).body().get("prompt");
        assertTrue(prompts.isArray());
        assertEquals(ChatPrompt.of(paris).text(), prompts.get(0).asText());
        assertEquals(ChatPrompt.of(rome).text(), prompts.get(1).asText());
    }

    @Test
    void closedPortFailsQuicklyNamingTheEndpoint() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        BeliefScorer scorer = track(BeliefScorers.create(ScorerConfig.parse(Map.of(
                "scorer.type", "openai", "scorer.base_url", "http://127.0.0.1:" + port + "/v1",
                "scorer.model", "m", "scorer.retries", "0", "scorer.timeout_ms", "2000")), () -> null));

        long start = System.nanoTime();
        BeliefUnavailableException failure = failure(scorer.belief(query("Paris")));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(millis < 2_000, "took " + millis + " ms");
        assertTrue(failure.getMessage().contains("unreachable"), failure.getMessage());
        assertTrue(failure.getMessage().contains("127.0.0.1:" + port + "/v1/completions"), failure.getMessage());
    }

    @Test
    void slowServerFailsWithinTheTimeout() throws Exception {
        FakeCompletionsServer server = server((request, n) -> {
            Thread.sleep(10_000);
            return FakeCompletionsServer.Reply.ok("{}");
        });
        BeliefScorer scorer = scorer(server, Map.of("scorer.timeout_ms", "300", "scorer.retries", "0"));

        long start = System.nanoTime();
        BeliefUnavailableException failure = failure(scorer.belief(query("Paris")));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(millis >= 290 && millis < 1_500, "took " + millis + " ms");
        assertTrue(failure.getMessage().contains("timed out after 300 ms"), failure.getMessage());
    }

    @Test
    void serverErrorIsRetriedThenSucceeds() throws Exception {
        FakeCompletionsServer server = server((request, n) -> n == 1
                ? new FakeCompletionsServer.Reply(500, "{\"error\":\"warming up\"}")
                : FakeCompletionsServer.Reply.ok(reply(echoChoice(request.get("prompt").asText(), 0,
                        List.of("Paris"), List.of(-0.7)))));
        BeliefScorer scorer = scorer(server, Map.of("scorer.retries", "1"));

        assertEquals(Math.exp(-0.7), scorer.belief(query("Paris")).get(5, TimeUnit.SECONDS), EPS);
        assertEquals(2, server.received().size());
    }

    @Test
    void serverErrorWithoutRetriesReportsStatusAndBody() throws Exception {
        FakeCompletionsServer server = server((request, n) ->
                new FakeCompletionsServer.Reply(503, "{\"error\":\"model is loading\"}"));
        BeliefScorer scorer = scorer(server, Map.of("scorer.retries", "0"));

        BeliefUnavailableException failure = failure(scorer.belief(query("Paris")));

        assertTrue(failure.getMessage().contains("HTTP 503"), failure.getMessage());
        assertTrue(failure.getMessage().contains("model is loading"), failure.getMessage());
    }

    @Test
    void clientErrorIsNotRetried() throws Exception {
        FakeCompletionsServer server = server((request, n) ->
                new FakeCompletionsServer.Reply(404, "{\"error\":\"The model `x` does not exist.\"}"));
        BeliefScorer scorer = scorer(server, Map.of("scorer.retries", "3"));

        BeliefUnavailableException failure = failure(scorer.belief(query("Paris")));

        assertTrue(failure.getMessage().contains("HTTP 404"), failure.getMessage());
        assertEquals(1, server.received().size());
    }

    @Test
    void malformedJsonFailsWithClearMessage() throws Exception {
        FakeCompletionsServer server = server((request, n) -> FakeCompletionsServer.Reply.ok("{\"choices\": [ {oops"));
        BeliefScorer scorer = scorer(server, Map.of());

        BeliefUnavailableException failure = failure(scorer.belief(query("Paris")));

        assertTrue(failure.getMessage().startsWith("malformed JSON from http://127.0.0.1:"), failure.getMessage());
    }

    @Test
    void replyWithoutPromptLogprobsFails() throws Exception {
        FakeCompletionsServer server = server((request, n) -> FakeCompletionsServer.Reply.ok(
                "{\"choices\":[{\"index\":0,\"text\":\"x\",\"logprobs\":null}]}"));
        BeliefScorer scorer = scorer(server, Map.of());

        BeliefUnavailableException failure = failure(scorer.belief(query("Paris")));

        assertTrue(failure.getMessage().contains("lacks logprobs.tokens"), failure.getMessage());
    }

    @Test
    void blankGoldFailsWithoutARequest() throws Exception {
        FakeCompletionsServer server = server((request, n) -> FakeCompletionsServer.Reply.ok("{}"));
        BeliefScorer scorer = scorer(server, Map.of());

        BeliefUnavailableException failure = failure(scorer.belief(query("  ")));

        assertTrue(failure.getMessage().contains("gold answer is blank"), failure.getMessage());
        assertTrue(server.received().isEmpty());
    }

    @Test
    void tokenStraddlingTheSpanStartCountsAndTokensBeforeOrAfterDoNot() {
        // text: "ab|cde|f" with the span [2, 5); tokens "a" [0,1) "bc" [1,3) "de" [3,5) "f" [5,6)
        String[] tokens = {"a", "bc", "de", "f"};
        Double[] logprobs = {null, -1.0, -2.0, -7.0};
        int[] starts = {0, 1, 3, 5};

        double p = OpenAiCompletionsScorer.geometricMeanProbability(tokens, logprobs, starts, 2, 5);

        assertEquals(Math.exp(-1.5), p, EPS);
    }

    @Test
    void tokenEndingExactlyAtTheSpanStartDoesNotCount() {
        String[] tokens = {"ab", "cd", "e"};
        Double[] logprobs = {-4.0, -0.4, -8.0};
        int[] starts = {0, 2, 4};

        assertEquals(Math.exp(-0.4), OpenAiCompletionsScorer.geometricMeanProbability(tokens, logprobs, starts, 2, 4), EPS);
    }

    @Test
    void spanWithOnlyNullLogprobsIsUnavailable() {
        String[] tokens = {"ab", "c"};
        Double[] logprobs = {null, -1.0};
        int[] starts = {0, 2};

        BeliefUnavailableException e = assertThrows(BeliefUnavailableException.class,
                () -> OpenAiCompletionsScorer.geometricMeanProbability(tokens, logprobs, starts, 0, 2));
        assertTrue(e.getMessage().contains("no echoed token with a log-prob"), e.getMessage());
    }

    // ---- fixtures

    private FakeCompletionsServer server(FakeCompletionsServer.Responder responder) throws IOException {
        return track(new FakeCompletionsServer(responder));
    }

    private BeliefScorer scorer(FakeCompletionsServer server, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("scorer.type", "openai", "scorer.base_url", server.baseUrl(),
                "scorer.model", "test-model", "scorer.timeout_ms", "3000"));
        settings.putAll(extra);
        return track(BeliefScorers.create(ScorerConfig.parse(settings), () -> null));
    }

    private <T extends AutoCloseable> T track(T closeable) {
        toClose.add(0, closeable);
        return closeable;
    }

    private static BeliefQuery query(String gold) {
        return new BeliefQuery("Which city is the capital of France?", List.of(
                new ChatTurn("system", "Answer with <answer>...</answer>."),
                new ChatTurn("user", "Which city is the capital of France?"),
                new ChatTurn("assistant", "<search>capital of France</search>"),
                new ChatTurn("tool", "France's capital is Paris.")), gold, List.of(), List.of(), null);
    }

    private static BeliefUnavailableException failure(CompletableFuture<Double> future) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        Throwable t = e.getCause();
        while (t != null && !(t instanceof BeliefUnavailableException)) {
            t = t.getCause();
        }
        assertFalse(t == null, "expected a BeliefUnavailableException, got " + e.getCause());
        return (BeliefUnavailableException) t;
    }

    private static String reply(ObjectNode... choices) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("object", "text_completion");
        ArrayNode list = root.putArray("choices");
        for (ObjectNode c : choices) {
            list.add(c);
        }
        return root.toString();
    }

    /**
     * A vLLM-style echo choice for {@code prompt}: its first code point (null log-prob), the rest up to
     * the gold answer (-7), the gold in {@code goldPieces}, the suffix (-9) and one generated token (-5).
     * Offsets are code-point indices, as Python computes them.
     */
    private static ObjectNode echoChoice(String prompt, int index, List<String> goldPieces, List<Double> goldLogprobs) {
        String gold = String.join("", goldPieces);
        int goldAt = prompt.lastIndexOf(IgpoPrompt.PREFIX + gold) + IgpoPrompt.PREFIX.length();
        int firstEnd = prompt.offsetByCodePoints(0, 1);
        List<String> tokens = new ArrayList<>();
        List<Double> logprobs = new ArrayList<>();
        tokens.add(prompt.substring(0, firstEnd));
        logprobs.add(null);
        tokens.add(prompt.substring(firstEnd, goldAt));
        logprobs.add(-7.0);
        tokens.addAll(goldPieces);
        logprobs.addAll(goldLogprobs);
        tokens.add(prompt.substring(goldAt + gold.length()));
        logprobs.add(-9.0);
        tokens.add(" ok");
        logprobs.add(-5.0);

        ObjectNode choice = Json.mapper().createObjectNode();
        choice.put("index", index);
        choice.put("text", prompt + " ok");
        ObjectNode lp = choice.putObject("logprobs");
        ArrayNode tokenArray = lp.putArray("tokens");
        ArrayNode logprobArray = lp.putArray("token_logprobs");
        ArrayNode offsetArray = lp.putArray("text_offset");
        int offset = 0;
        for (int i = 0; i < tokens.size(); i++) {
            tokenArray.add(tokens.get(i));
            if (logprobs.get(i) == null) {
                logprobArray.addNull();
            } else {
                logprobArray.add(logprobs.get(i));
            }
            offsetArray.add(offset);
            offset += tokens.get(i).codePointCount(0, tokens.get(i).length());
        }
        choice.putNull("finish_reason");
        return choice;
    }
}
