package dev.stepgym.scenarios;

import dev.stepgym.agents.baseline.OracleGuiAgent;
import dev.stepgym.agents.baseline.RandomAgent;
import dev.stepgym.agents.client.ResetParams;
import dev.stepgym.agents.client.StepGymClient;
import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.EpisodeSpec;
import dev.stepgym.agents.rollout.RolloutOptions;
import dev.stepgym.agents.rollout.RolloutRunner;
import dev.stepgym.envs.gui.GuiTemplates;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.StepResult;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.scenarios.server.Environments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gui-v1 end to end: an embedded StepGym server serves the task pages, its gui-v1 factory drives real
 * Chromium (the browser pool), and agents play through the HTTP protocol.
 */
@Tag("heavy")
@Tag("browser")
@Timeout(240)
class GuiEnvironmentBrowserTest {
    private static final String ENV = "gui-v1";
    /** Every template of the environment, so a new one is covered without touching this test. */
    private static final List<String> TEMPLATES = new GuiTemplates().ids();
    private static RunningServer server;
    private static StepGymClient client;

    @BeforeAll
    static void start() throws Exception {
        ServerConfig config = ServerConfig.defaults().withPort(0).withAllowPrivileged(true)
                .withRecordDir(Files.createTempDirectory("stepgym-gui"));
        server = RunningServer.start(config, Environments.registry(config));
        // The first reset starts the browser pool (two Chromium processes): slow on a loaded machine.
        client = StepGymClient.builder(server.baseUrl()).requestTimeout(java.time.Duration.ofSeconds(120)).build();
        ResetResult warm = client.resetAsync(new ResetParams(ENV, "click-button:0", 0L, Map.of())).join();
        client.closeAsync(warm.episodeId()).join();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(420) // two oracle episodes and one random per template: about 3 minutes on the loaded two-core machine
    void oracleSolvesEveryTemplateOverSeveralSeedsAndRandomRarelyDoes() {
        List<EpisodeSpec> specs = new ArrayList<>();
        for (String template : TEMPLATES) {
            for (long seed : new long[]{1, 1_000_007}) {
                specs.add(new EpisodeSpec(ENV, template + ":" + seed, seed, Map.of()));
            }
        }
        long t0 = System.nanoTime();
        List<EpisodeReport> oracle = new RolloutRunner(client, new RolloutOptions(6, 14)).run(specs, new OracleGuiAgent());
        long oracleMs = (System.nanoTime() - t0) / 1_000_000;
        for (EpisodeReport r : oracle) {
            assertTrue(r.ok(), r.spec().task() + ": " + r.error());
            assertEquals(Boolean.TRUE, r.outcome().get("success"), r.spec().task() + " not solved: " + r.outcome() + " after " + r.actions());
            assertTrue(r.terminated(), r.spec().task());
            assertEquals(1.0, r.componentSums().get("task_success"), 1e-9, r.spec().task() + " " + r.componentSums());
            assertTrue(r.componentSums().get("subgoal_progress") > 0, r.spec().task() + " " + r.componentSums());
        }
        // One seed of every template, a few steps each: a wrong click fails most tasks at once.
        List<EpisodeSpec> randomSpecs = new ArrayList<>();
        for (int i = 0; i < specs.size(); i += 2) {
            randomSpecs.add(specs.get(i));
        }
        List<EpisodeReport> random = new RolloutRunner(client, new RolloutOptions(6, 5)).run(randomSpecs, new RandomAgent(5));
        long solvedByRandom = random.stream().filter(r -> Boolean.TRUE.equals(r.outcome().get("success"))).count();
        System.out.printf("gui-v1: oracle %d/%d solved in %d ms (%d steps); random %d/%d%n", oracle.size(), oracle.size(),
                oracleMs, oracle.stream().mapToInt(EpisodeReport::steps).sum(), solvedByRandom, random.size());
        assertTrue(random.stream().allMatch(EpisodeReport::ok), "random episodes run to their end");
        assertTrue(solvedByRandom <= random.size() / 4, "random solved " + solvedByRandom + "/" + random.size());
    }

    @Test
    void sameSeedAndActionsGiveSameObservationsAndHashesAndAForkMatches() {
        List<String> first = rollout();
        List<String> second = rollout();
        assertEquals(first, second);
        ResetResult reset = client.resetAsync(new ResetParams(ENV, "wizard:3", 3L, Map.of("privileged", true))).join();
        StepResult one = step(reset.episodeId(), Action.text("click(" + ref(reset.observation().text(), "button", "Next") + ")"));
        ResetResult fork = client.forkAsync(reset.episodeId()).join();
        assertEquals(one.stateHash(), fork.stateHash(), "a fork replays the parent's actions into the same state");
        assertEquals(one.observation().text(), fork.observation().text());
        client.closeAsync(fork.episodeId()).join();
        client.closeAsync(reset.episodeId()).join();
    }

    private List<String> rollout() {
        ResetResult reset = client.resetAsync(new ResetParams(ENV, "form-validation:4", 4L, Map.of())).join();
        List<String> trace = new ArrayList<>(List.of(reset.stateHash(), reset.observation().text()));
        String tree = reset.observation().text();
        for (Action a : List.of(Action.text("type(" + ref(tree, "textbox", "Email") + ", \"not-an-email\")"),
                Action.text("click(" + ref(tree, "button", "Sign up") + ")"),
                Action.tool("press", Map.of("key", "Tab")),
                Action.tool("scroll", Map.of("dx", 0, "dy", 40)))) {
            StepResult r = step(reset.episodeId(), a);
            trace.add(r.stateHash());
            trace.add(Json.canonical(r.observation()));
        }
        client.closeAsync(reset.episodeId()).join();
        return trace;
    }

    @Test
    void badInputGetsAClearObservationAndTheEpisodeGoesOn() {
        ResetResult reset = client.resetAsync(new ResetParams(ENV, "enter-text:2", 2L, Map.of("privileged", true))).join();
        String id = reset.episodeId();
        String tree = reset.observation().text();
        String field = ref(tree, "textbox", null);
        String submit = ref(tree, "button", "Submit");
        String help = ref(tree, "link", "Help");

        assertRefused(step(id, Action.text("click(e999)")), "no element [ref=e999]", reset.stateHash());
        assertRefused(step(id, Action.tool("type", Map.of("ref", submit, "text", "hello"))), "not a text field", null);
        assertRefused(step(id, Action.text("type(" + field + ", \"<script>alert(1)</script>\")")), "script", null);
        assertRefused(step(id, Action.tool("type", Map.of("ref", field, "text", "x".repeat(20_000)))), "at most 500", null);
        StepResult away = step(id, Action.text("click(" + help + ")"));
        assertRefused(away, "navigation away from the task", null);
        assertTrue(String.valueOf(away.observation().data().get("url")).startsWith("/web/gui-v1/enter-text"), "back on the task page");
        assertRefused(step(id, Action.text("back()")), "first page", null);
        assertRefused(step(id, Action.text("fly(e1)")), "unknown action", null);

        // The episode and the pool survive: the task can still be solved.
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) reset.info().get("reference")).get(0);
        String tree2 = away.observation().text();
        StepResult typed = step(id, Action.tool("type", Map.of("ref", ref(tree2, "textbox", null), "text", first.get("value"))));
        assertNull(typed.observation().lastActionError());
        StepResult done = step(id, Action.text("click(" + ref(typed.observation().text(), "button", "Submit") + ")"));
        assertTrue(done.terminated(), done.observation().text());
        client.closeAsync(id).join();
    }

    @Test
    void dragRefusesUnknownAndSameRefsAndAWrongDropFailsTheTask() {
        ResetResult reset = client.resetAsync(new ResetParams(ENV, "drag-card:2", 2L, Map.of("privileged", true))).join();
        String id = reset.episodeId();
        @SuppressWarnings("unchecked")
        Map<String, Object> move = ((List<Map<String, Object>>) reset.info().get("reference")).get(0);
        String tree = reset.observation().text();
        String card = ref(tree, "listitem", (String) move.get("name"));
        assertRefused(step(id, Action.text("drag(" + card + ", e999)")), "no element [ref=e999] to drop onto", null);
        assertRefused(step(id, Action.text("drag(e999, " + card + ")")), "no element [ref=e999]", null);
        assertRefused(step(id, Action.tool("drag", Map.of("from", card, "to", card))), "two different elements", null);
        // The third column (neither the card's nor the wanted one) is a wrong drop: the task fails at once.
        String wrong = java.util.stream.Stream.of("To do", "Doing", "Done").filter(c -> !c.equals(move.get("to_name")))
                .filter(c -> !tree.substring(tree.indexOf("region \"" + c + "\"")).split("- region", 2)[0].contains((String) move.get("name")))
                .findFirst().orElseThrow();
        StepResult dropped = step(id, Action.tool("drag", Map.of("from", card, "to", ref(tree, "region", wrong))));
        assertNull(dropped.observation().lastActionError());
        assertTrue(dropped.terminated(), dropped.observation().text());
        assertEquals(0.0, dropped.rewards().stream().filter(c -> c.name().equals("task_success")).findFirst().orElseThrow().value(), 1e-9);
        client.closeAsync(id).join();
    }

    private static void assertRefused(StepResult r, String why, String unchangedHash) {
        assertNotNull(r.observation().lastActionError(), "an error for " + why);
        assertTrue(r.observation().lastActionError().contains(why), r.observation().lastActionError());
        assertTrue(r.observation().text().contains("Last action error: "), "the observation text says it too");
        RewardComponent penalty = r.rewards().stream().filter(c -> c.name().equals("invalid_action")).findFirst().orElseThrow();
        assertTrue(penalty.weighted() < 0);
        assertFalse(r.terminated());
        if (unchangedHash != null) {
            assertEquals(unchangedHash, r.stateHash());
        }
    }

    private static StepResult step(String id, Action a) {
        return client.stepAsync(id, a).join();
    }

    /** The ref of the first element with this role (and name, when given) in the observation's tree. */
    private static String ref(String tree, String role, String name) {
        Pattern p = Pattern.compile("- " + role + (name == null ? "" : " \"" + Pattern.quote(name) + "\"") + "[^\\n]*?\\[ref=((?:f[0-9]+)?e[0-9]+)]");
        Matcher m = p.matcher(tree);
        assertTrue(m.find(), "no " + role + " " + name + " in\n" + tree);
        return m.group(1);
    }
}
