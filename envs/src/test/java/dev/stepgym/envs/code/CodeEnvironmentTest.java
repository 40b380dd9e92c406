package dev.stepgym.envs.code;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.EnvironmentFactory;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;
import dev.stepgym.rewards.pipeline.RewardLayer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * code-v1 end to end with real pyright, real Git workspaces and sandboxed python, on the built-in
 * suite, with its default reward pipeline in front (the environment reports evidence only).
 */
@Tag("heavy")
class CodeEnvironmentTest {
    private static final String DIAGNOSTIC_DELTA = "diagnostic_delta";
    private static final String SAFETY = "safety";
    private static final String AMBIGUITY_PENALTY = "ambiguity_penalty";
    private static final String TEST_PASS_DELTA = "test_pass_delta";
    private static final String HIDDEN_TESTS = "hidden_tests";
    private static final String INVALID_ACTION = "invalid_action";
    private static EnvironmentFactory factory;

    @BeforeAll
    static void open() {
        factory = RewardLayer.defaults().wrap(new CodeEnvironmentProvider()).open(Map.of("max_servers", "2"));
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private static Optional<RewardComponent> component(Transition t, String name) {
        return t.rewards().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private static double value(Transition t, String name) {
        return component(t, name).orElseThrow(() -> new AssertionError("no " + name + " in " + t.rewards())).value();
    }

    @Test
    void theReferencePatchRemovesTheTypeErrorPassesTheTestsAndEarnsLanserRewards() {
        try (Environment env = factory.newEpisode()) {
            Start start = env.reset(new ResetRequest(0, "inventory-price-of-optional", Map.of(), true));
            int before = ((Number) start.info().get("diagnostics")).intValue();
            assertTrue(before >= 1, "the task starts with a pyright error: " + start.observation().text());
            assertTrue(start.observation().text().contains("inventory/store.py"));
            String patch = (String) start.info().get("reference_patch");

            Transition diagnostics = env.step(Action.text("diagnostics[]"));
            assertTrue(diagnostics.observation().text().contains("error"), diagnostics.observation().text());
            assertEquals(List.of(), diagnostics.rewards(), "looking around earns nothing");
            assertEquals(Map.of("tool", "diagnostics", "invalid_action", false, "mutation", false), diagnostics.evidence());

            Transition applied = env.step(Action.tool("apply_patch", Map.of("patch", patch)));
            assertNull(applied.observation().lastActionError(), applied.observation().lastActionError());
            assertEquals(before, value(applied, DIAGNOSTIC_DELTA), 1e-12, "D_{t-1} - D_t");
            assertEquals(1.0, value(applied, SAFETY));
            assertEquals(0.0, value(applied, AMBIGUITY_PENALTY), 1e-12);
            // Lanser with (0.5, 0.4, 0.1): 0.5 * before + 0.4 * 1 - 0.1 * 0
            assertEquals(0.5 * before + 0.4, applied.rewards().stream().mapToDouble(RewardComponent::weighted).sum(), 1e-9);
            assertEquals(before, applied.evidence().get("diagnostics_before"));
            assertEquals(0, applied.evidence().get("diagnostics_after"));
            assertEquals(start.context().get("baseline_pass_rate"), start.info().get("visible_pass_rate"));

            Transition tests = env.step(Action.text("run_tests[]"));
            assertTrue(value(tests, TEST_PASS_DELTA) > 0, tests.observation().text());
            assertEquals(1.0, tests.info().get("visible_pass_rate"));

            Transition submit = env.step(Action.text("submit[]"));
            assertTrue(submit.terminated());
            assertEquals(1.0, value(submit, HIDDEN_TESTS));
            assertEquals(Boolean.TRUE, submit.info().get("solved"));
            assertEquals(1.0, env.outcome().get("score"));
        }
    }

    @Test
    void selectorsEditThroughTheServerAndExplainWhatTheyCannotFind() {
        try (Environment env = factory.newEpisode()) {
            env.reset(new ResetRequest(0, "inventory-low-stock-boundary", Map.of(), false));
            Transition symbols = env.step(Action.text("document_symbols[inventory/store.py]"));
            assertTrue(symbols.observation().text().contains("Inventory.low_stock"), symbols.observation().text());

            Transition fixed = env.step(Action.tool("edit", Map.of("selector", "anchor://inventory/store.py#\"item.quantity < threshold\"",
                    "replacement", "item.quantity <= threshold")));
            assertNull(fixed.observation().lastActionError());
            assertEquals(1.0, value(fixed, SAFETY));
            assertTrue(fixed.observation().text().contains("+") && fixed.observation().text().contains("<= threshold"),
                    "the observation shows the diff: " + fixed.observation().text());

            Transition missing = env.step(Action.tool("edit", Map.of("selector", "py://inventory/store.py#Inventory.no_such_method",
                    "replacement", "pass")));
            assertTrue(missing.observation().lastActionError().contains("NOT_FOUND") || missing.observation().lastActionError().contains("not found"),
                    missing.observation().lastActionError());
            assertEquals(-1.0, value(missing, INVALID_ACTION));
            // A refused change is an unsafe prospective mutation: S_t = 0, no diagnostic change, α_t = 0.
            assertEquals(0.0, value(missing, SAFETY));
            assertEquals(0.0, value(missing, DIAGNOSTIC_DELTA));
            assertEquals(-1.0, value(missing, AMBIGUITY_PENALTY));

            Transition tests = env.step(Action.text("run_tests[]"));
            assertEquals(1.0, tests.info().get("visible_pass_rate"), tests.observation().text());
        }
    }

    @Test
    void renameIsPreviewedFirstAndAppliedOnlyWhenAsked() {
        try (Environment env = factory.newEpisode()) {
            env.reset(new ResetRequest(0, "inventory-rename-item", Map.of(), false));
            Transition read = env.step(Action.text("read_file[inventory/item.py]"));
            String text = read.observation().text();
            int line = -1;
            int column = -1;
            java.util.regex.Pattern numbered = java.util.regex.Pattern.compile("^\\s*(\\d+)  (.*)$");
            for (String l : text.lines().toList()) {
                java.util.regex.Matcher m = numbered.matcher(l);
                if (m.matches() && m.group(2).contains("class Product")) {
                    line = Integer.parseInt(m.group(1));
                    column = m.group(2).indexOf("Product") + 1;
                }
            }
            assertTrue(line > 0, text);
            Object stateBefore = env.state();
            Transition preview = env.step(Action.tool("rename", Map.of("path", "inventory/item.py", "line", line, "column", column,
                    "new_name", "Item")));
            assertNull(preview.observation().lastActionError(), preview.observation().lastActionError());
            assertTrue(preview.observation().text().contains("+class Item"), preview.observation().text());
            assertEquals(stateBefore, env.state(), "a preview changes nothing");
            Transition applied = env.step(Action.tool("rename", Map.of("path", "inventory/item.py", "line", line, "column", column,
                    "new_name", "Item", "apply", true)));
            assertNull(applied.observation().lastActionError());
            assertTrue(((List<?>) applied.info().get("files")).size() >= 2, "the rename reaches other files: " + applied.info());
            Transition submit = env.step(Action.text("submit[]"));
            assertEquals(Boolean.TRUE, submit.info().get("solved"), submit.observation().text());
        }
    }

    @Test
    void hostilePathsAndContentAreRefusedAndChangeNothing() {
        try (Environment env = factory.newEpisode()) {
            env.reset(new ResetRequest(0, "geometry-rectangle-boundary", Map.of(), false));
            Object before = env.state();
            Map<Action, String> hostile = new java.util.LinkedHashMap<>();
            hostile.put(Action.text("read_file[../../../../etc/passwd]"), "");
            hostile.put(Action.text("read_file[/etc/passwd]"), "");
            hostile.put(Action.tool("write_file", Map.of("path", ".git/config", "content", "[core]\n")), ".git");
            hostile.put(Action.tool("write_file", Map.of("path", "../escape.py", "content", "x = 1\n")), "");
            hostile.put(Action.tool("write_file", Map.of("path", "geometry/bin.py", "content", "x\u0000y")), "");
            hostile.put(Action.tool("write_file", Map.of("path", "geometry/huge.py", "content", "#".repeat(5 << 20))), "");
            hostile.put(Action.tool("apply_patch", Map.of("patch", "not a patch")), "");
            hostile.put(Action.tool("definition", Map.of("path", "geometry/shapes.py", "line", 0, "column", 1)), "1-based");
            hostile.put(Action.text("teleport[]"), "unknown tool");
            for (Map.Entry<Action, String> e : hostile.entrySet()) {
                Transition t = env.step(e.getKey());
                String error = t.observation().lastActionError();
                assertNotNull(error, "refused: " + e.getKey().describe().substring(0, Math.min(60, e.getKey().describe().length())));
                assertTrue(error.contains(e.getValue()), error);
                assertEquals(-1.0, value(t, INVALID_ACTION));
                if (CodeEnvironment.MUTATING.contains(e.getKey().isText() ? "" : e.getKey().tool())) {
                    assertEquals(0.0, value(t, SAFETY), "a refused change is unsafe: S_t = 0");
                }
                assertEquals(before, env.state());
            }
        }
    }

    @Test
    void aForkStartsFromTheSameFilesAndThenGoesItsOwnWay() {
        try (Environment env = factory.newEpisode()) {
            env.reset(new ResetRequest(0, "textutils-truncate-boundary", Map.of(), true));
            env.step(Action.tool("apply_patch", Map.of("patch", env.reset(new ResetRequest(0, "textutils-truncate-boundary", Map.of(), true))
                    .info().get("reference_patch"))));
            try (Environment fork = env.fork()) {
                assertEquals(env.state(), fork.state());
                Transition forkTests = fork.step(Action.text("run_tests[]"));
                assertEquals(1.0, forkTests.info().get("visible_pass_rate"), "the fork has the patched files");
                fork.step(Action.tool("write_file", Map.of("path", "textutils/extra.py", "content", "X = 1\n")));
                assertFalse(env.state().equals(fork.state()));
            }
        }
    }
}
