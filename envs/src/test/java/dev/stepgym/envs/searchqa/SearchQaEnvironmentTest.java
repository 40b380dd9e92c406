package dev.stepgym.envs.searchqa;

import com.sun.net.httpserver.HttpServer;
import dev.stepgym.envs.searchqa.world.Hop;
import dev.stepgym.envs.searchqa.world.Question;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.EnvironmentFactory;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.rewards.pipeline.EpisodeRewards;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardLayer;
import dev.stepgym.rewards.pipeline.RewardPipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * searchqa-v1 over the small generated world, read through the reward layer with the trainer
 * scorer (beliefs sent along with the actions) so no model loads; the MiniLM-backed parts are in
 * {@code SearchQaModelTest} and {@code SearchQaGoldenTest}.
 */
class SearchQaEnvironmentTest {
    private static final Map<String, String> SMALL = Map.of("world", "small");
    private static SearchQaEnvironmentFactory plain;
    private static EnvironmentFactory factory;

    @BeforeAll
    static void open() {
        plain = new SearchQaEnvironmentProvider().open(SMALL);
        factory = rewarded(Map.of("type", "trainer"), 5_000).open(SMALL);
    }

    @AfterAll
    static void close() {
        factory.close();
        plain.close();
    }

    /** searchqa-v1 behind its default pipeline with another belief scorer. */
    private static dev.stepgym.protocol.env.EnvironmentProvider rewarded(Map<String, Object> scorer, int timeoutMs) {
        return RewardLayer.defaults().with(SearchQaEnvironmentProvider.ID,
                PipelineConfig.parse(SearchQaEnvironmentProvider.rewardPipeline(scorer, timeoutMs), "test pipeline"))
                .wrap(new SearchQaEnvironmentProvider());
    }

    private static Question firstDevQuestion() {
        return plain.store().corpus().questions("dev").get(0);
    }

    private static Environment reset(Question q, boolean privileged) {
        Environment env = factory.newEpisode();
        env.reset(new ResetRequest(1, q.id(), Map.of("belief", 0.1), privileged));
        return env;
    }

    private static RewardComponent component(Transition t, String name) {
        return t.rewards().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no component " + name + " in " + t.rewards()));
    }

    @Test
    void resetShowsTheQuestionAndOnlyPrivilegedEpisodesSeeTheGold() {
        Question q = firstDevQuestion();
        Environment env = factory.newEpisode();
        Start start = env.reset(new ResetRequest(1, q.id(), Map.of(), false));
        assertTrue(start.observation().text().contains(q.text()));
        assertEquals(List.of("search[<query>]", "answer[<text>]"), start.observation().availableActions());
        assertFalse(start.info().containsKey("gold"));
        Start privileged = factory.newEpisode().reset(new ResetRequest(1, q.id(), Map.of(), true));
        @SuppressWarnings("unchecked")
        Map<String, Object> gold = (Map<String, Object>) privileged.info().get("gold");
        assertEquals(q.answer(), gold.get("answer"));
        assertEquals(q.hops().size(), ((List<?>) gold.get("hops")).size());
    }

    @Test
    void followingTheGoldHopsGainsInformationOnEveryGoldRetrievalAndScoresF1One() {
        Question q = firstDevQuestion();
        Environment env = reset(q, false);
        double total = 0;
        for (Hop hop : q.hops()) {
            Transition search = env.step(Action.text("search[" + hop.query() + "]"));
            assertTrue(((Number) search.info().get("gold_retrieved")).intValue() >= 1, "the hop query finds its document");
            double searchGain = component(search, SearchQaEnvironment.INFORMATION_GAIN).value();
            assertTrue(searchGain > 0, "a search that shows a gold document gains information: " + searchGain);
            assertTrue(search.observation().availableActions().contains("open[" + hop.documentId() + "]"));
            Transition open = env.step(Action.text("open[" + hop.documentId() + "]"));
            double openGain = component(open, SearchQaEnvironment.INFORMATION_GAIN).value();
            assertTrue(openGain > 0, "the whole gold document adds to its snippet: " + openGain);
            assertEquals(0.0, component(open, SearchQaEnvironment.REDUNDANCY_PENALTY).value());
            assertTrue(open.observation().text().contains(hop.answer()), "the document states the hop's answer");
            total += searchGain + openGain;
        }
        // Max-so-far per gold document: the gains of a full pass add up to at most 1.
        assertTrue(total <= 1.0 + 1e-9, "total information gain " + total);
        Transition answer = env.step(Action.text("answer[" + q.answer() + "]"));
        assertTrue(answer.terminated());
        assertEquals(1.0, component(answer, SearchQaEnvironment.ANSWER_F1).value());
        assertEquals(1.0, component(answer, SearchQaEnvironment.ANSWER_EM).value());
        assertEquals(0.0, component(answer, SearchQaEnvironment.FORMAT_GATE).value());
        assertEquals(1.0, component(answer, SearchQaEnvironment.SEARCH_KEY_MATCH).value(), 1e-9,
                "each hop query is one of its hop's search keys");
        assertEquals(1.0, env.outcome().get("score"));
    }

    @Test
    void repeatingASearchIsRedundantAndGainsNothing() {
        Question q = firstDevQuestion();
        Environment env = reset(q, false);
        String query = "search[" + q.hops().get(0).query() + "]";
        env.step(Action.text(query));
        Transition again = env.step(Action.text(query));
        assertEquals(0.0, component(again, SearchQaEnvironment.INFORMATION_GAIN).value());
        assertEquals(-1.0, component(again, SearchQaEnvironment.REDUNDANCY_PENALTY).value(), 1e-12);
    }

    @Test
    void searchR1TagsAreUnderstoodAndTextAfterTheLastAnswerFailsTheFormatGate() {
        Question q = firstDevQuestion();
        Environment env = reset(q, false);
        Transition search = env.step(Action.text("<think>start with the first hop</think>\n<search>" + q.hops().get(0).query() + "</search>"));
        assertNull(search.observation().lastActionError());
        assertEquals(List.of(q.hops().get(0).query()), ((Map<?, ?>) env.state()).get("queries"));
        Transition answer = env.step(Action.text("<answer>wrong</answer> <answer>" + q.answer() + "</answer> and more"));
        assertTrue(answer.terminated());
        assertEquals(-1.0, component(answer, SearchQaEnvironment.FORMAT_GATE).value());
        assertEquals(0.0, component(answer, SearchQaEnvironment.ANSWER_F1).value());
        Environment clean = reset(q, false);
        Transition last = clean.step(Action.text("<answer>wrong</answer>\n<answer>" + q.answer() + "</answer>\n"));
        assertEquals(1.0, component(last, SearchQaEnvironment.ANSWER_F1).value(), "StepSearch scores the last answer block");
    }

    @Test
    void badActionsAreObservationsWithAPenaltyAndLeaveTheStateAlone() {
        Question q = firstDevQuestion();
        Environment env = reset(q, false);
        Object before = env.state();
        Map<Action, String> bad = new java.util.LinkedHashMap<>();
        bad.put(Action.text("search[   ]"), "empty query");
        bad.put(Action.text("open[d99999999]"), "no document");
        bad.put(Action.text("open[../../etc/passwd]"), "no document");
        bad.put(Action.text("fly[to the moon]"), "unknown action");
        bad.put(Action.text("just some words"), "cannot parse");
        bad.put(Action.text("search[" + "x".repeat(SearchQaAction.MAX_ARGUMENT + 1) + "]"), "longer than");
        bad.put(Action.tool("search", Map.of("query", 42)), "string argument 'query'");
        bad.put(Action.tool("teleport", Map.of()), "unknown tool");
        bad.put(Action.text("search[x] <belief>lots</belief>"), "<belief> must hold a number");
        bad.put(Action.tool("search", Map.of("query", "x", "belief", 3)), "belief must be a number in [0, 1]");
        for (Map.Entry<Action, String> e : bad.entrySet()) {
            Transition t = env.step(e.getKey());
            assertNotNull(t.observation().lastActionError(), e.getKey().describe());
            assertTrue(t.observation().lastActionError().contains(e.getValue()),
                    e.getKey().describe() + " -> " + t.observation().lastActionError());
            assertEquals(-1.0, component(t, SearchQaEnvironment.INVALID_ACTION).value());
            assertFalse(t.terminated());
            assertEquals(before, env.state(), "state unchanged after " + e.getKey().describe());
        }
        env.step(Action.text("answer[" + q.answer() + "]"));
        Transition after = env.step(Action.text("search[anything]"));
        assertTrue(after.observation().lastActionError().contains("ended"));
    }

    @Test
    void unicodeQueriesAndAnAnswerBeforeAnySearchWork() {
        Question q = firstDevQuestion();
        Environment env = reset(q, false);
        Transition t = env.step(Action.text("search[Zürich 東京 🙂 \u0000 AND OR (*]"));
        assertNull(t.observation().lastActionError());
        Transition answer = env.step(Action.tool("answer", Map.of("text", "🙂")));
        assertTrue(answer.terminated());
        assertEquals(0.0, component(answer, SearchQaEnvironment.ANSWER_F1).value());
    }

    @Test
    void toolCallsMatchTheTextForm() {
        Question q = firstDevQuestion();
        Environment text = reset(q, false);
        Environment tool = reset(q, false);
        Transition a = text.step(Action.text("search[" + q.hops().get(0).query() + "]"));
        Transition b = tool.step(Action.tool("search", Map.of("query", q.hops().get(0).query())));
        assertEquals(a.observation(), b.observation());
        assertEquals(text.state(), tool.state());
    }

    @Test
    void trainerBeliefsGiveBeliefGainAndAMissingBeliefIsReportedUnavailable() {
        Question q = firstDevQuestion();
        Environment env = reset(q, false); // p_0 = 0.1 from the reset option
        Transition first = env.step(Action.tool("search", Map.of("query", q.hops().get(0).query(), "belief", 0.35)));
        RewardComponent gain = component(first, SearchQaEnvironment.BELIEF_GAIN);
        assertEquals(0.25, gain.value(), 1e-12);
        assertEquals("trainer", gain.source());
        Transition second = env.step(Action.text("search[" + q.hops().get(0).query() + " again]"));
        assertEquals(0.0, component(second, SearchQaEnvironment.BELIEF_GAIN).value(), "no belief sent: 0, as before");
        Transition third = env.step(Action.text("<belief>0.9</belief> search[" + q.hops().get(0).answer() + "]"));
        assertEquals(0.0, component(third, SearchQaEnvironment.BELIEF_GAIN).value(), "no previous belief to compare with");
        Transition fourth = env.step(Action.text("<belief>0.7</belief>search[more]"));
        assertEquals(-0.2, component(fourth, SearchQaEnvironment.BELIEF_GAIN).value(), 1e-12);
    }

    @Test
    void forkedEpisodesGoTheirOwnWay() {
        Question q = firstDevQuestion();
        Environment env = reset(q, false);
        env.step(Action.text("search[" + q.hops().get(0).query() + "]"));
        Environment fork = env.fork();
        assertEquals(env.state(), fork.state());
        Transition inFork = fork.step(Action.text("search[" + q.hops().get(0).query() + "]"));
        Transition inOriginal = env.step(Action.text("search[" + q.hops().get(0).query() + "]"));
        assertEquals(component(inFork, SearchQaEnvironment.REDUNDANCY_PENALTY), component(inOriginal, SearchQaEnvironment.REDUNDANCY_PENALTY));
        fork.step(Action.text("answer[x]"));
        assertFalse(((Map<?, ?>) env.state()).get("done").equals(true));
    }

    @Test
    void unknownTasksSplitsAndSettingsAreClearErrors() {
        Environment env = factory.newEpisode();
        Exception task = assertThrows(RuntimeException.class, () -> env.reset(new ResetRequest(1, "sq-nope", Map.of(), false)));
        assertTrue(task.getMessage().contains("sq-nope"));
        Exception split = assertThrows(RuntimeException.class, () -> env.reset(new ResetRequest(1, null, Map.of("split", "holdout"), false)));
        assertTrue(split.getMessage().contains("holdout"));
        Exception retriever = assertThrows(IllegalArgumentException.class,
                () -> env.reset(new ResetRequest(1, null, Map.of("retriever", "magic"), false)));
        assertTrue(retriever.getMessage().contains("magic"));
        SearchQaEnvironmentProvider provider = new SearchQaEnvironmentProvider();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.open(Map.of("top_k", "0"))).getMessage().contains("top_k"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.open(Map.of("wrld", "small"))).getMessage().contains("wrld"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider.open(Map.of("scorer.typo", "x"))).getMessage().contains("typo"));
        String moved = assertThrows(IllegalArgumentException.class, () -> provider.open(Map.of("scorer.type", "openai",
                "scorer.api_key", "sk-secret", "belief_timeout_ms", "800"))).getMessage();
        assertTrue(moved.contains("{\"name\":\"belief_gain\",\"params\":{\"timeout_ms\":800,\"scorer\":{\"api_key_env\":"), moved);
        assertTrue(moved.contains("\"type\":\"openai\""), moved);
        assertFalse(moved.contains("sk-secret"), "the key is never repeated: " + moved);
    }

    @Test
    void aScorerEndpointThatIsDownOrSlowLeavesTheStepAnsweringWithTheSignalUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slow.createContext("/", exchange -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }));
        slow.start();
        try {
            for (String url : List.of("http://127.0.0.1:" + closedPort + "/v1", "http://127.0.0.1:" + slow.getAddress().getPort() + "/v1")) {
                Map<String, Object> scorer = new HashMap<>(Map.of("type", "openai", "base_url", url, "model", "policy",
                        "timeout_ms", 300, "retries", 0));
                try (EnvironmentFactory f = rewarded(scorer, 800).open(SMALL)) {
                    Question q = firstDevQuestion();
                    Environment env = f.newEpisode();
                    long start = System.nanoTime();
                    env.reset(new ResetRequest(1, q.id(), Map.of(), false));
                    Transition t = env.step(Action.text("search[" + q.hops().get(0).query() + "]"));
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    assertTrue(millis < 5_000, "reset + step took " + millis + " ms against " + url);
                    assertEquals(0.0, component(t, SearchQaEnvironment.BELIEF_GAIN).value());
                    assertEquals("openai:policy", component(t, SearchQaEnvironment.BELIEF_GAIN).source());
                    assertTrue(component(t, SearchQaEnvironment.INFORMATION_GAIN).value() > 0, "other signals still come");
                }
            }
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void evidenceAndContextAloneRescoreTheEpisodeAfterAJsonRoundTrip() throws Exception {
        Question q = firstDevQuestion();
        Environment env = factory.newEpisode();
        Start start = env.reset(new ResetRequest(1, q.id(), Map.of("belief", 0.1), false));
        List<String> actions = new java.util.ArrayList<>(List.of("open[d99999999]", "<belief>0.3</belief>search[" + q.hops().get(0).query() + "]",
                "search[" + q.hops().get(0).query() + "]"));
        for (Hop hop : q.hops()) {
            actions.add("search[" + hop.query() + "] <belief>0.5</belief>");
            actions.add("open[" + hop.documentId() + "]");
        }
        actions.add("<answer>" + q.answer() + "</answer>");
        List<Transition> steps = new java.util.ArrayList<>();
        for (String action : actions) {
            steps.add(env.step(Action.text(action)));
        }
        RewardPipeline pipeline = RewardPipeline.of(PipelineConfig.parse(start.rewardPipeline(), "recorded"));
        Map<String, Object> context = Json.read(Json.write(start.context()), Map.class);
        EpisodeRewards again = pipeline.episode(context);
        for (Transition t : steps) {
            @SuppressWarnings("unchecked")
            Map<String, Object> evidence = Json.read(Json.write(t.evidence()), Map.class);
            assertEquals(false, t.evidence().isEmpty());
            assertEquals(t.rewards(), again.score(evidence).join());
        }
        assertEquals(List.of("action", "query", "retrieved_docs", "retrieved_ids", "turns", "belief", "invalid_action"),
                List.copyOf(steps.get(1).evidence().keySet()));
        assertEquals(List.of("question", "gold_answers", "gold_docs", "search_keys", "conversation", "belief"),
                List.copyOf(start.context().keySet()));
    }
}
