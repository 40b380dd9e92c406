package dev.stepgym.envs.gui;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.WebPages;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gui-v1 without a browser: spec, tasks, pages, action parsing, settings. GuiEnvironmentBrowserTest drives Chromium. */
class GuiEnvironmentTest {
    private final GuiTemplates templates = new GuiTemplates();

    @Test
    void isRegisteredWithToolSchemasAndThePenalty() {
        var provider = EnvironmentRegistry.discover().provider(GuiEnvironmentProvider.ID);
        var spec = provider.spec();
        assertEquals(List.of("click", "type", "select", "check", "scroll", "press", "back", "drag"),
                spec.tools().stream().map(t -> t.name()).toList());
        spec.tools().forEach(t -> assertEquals("object", t.parameters().get("type")));
        assertTrue(spec.rewardComponents().contains("invalid_action"));
        assertNotNull(provider.defaultRewardPipeline());
    }

    @Test
    void everyTemplateGivesTheSamePageForASeedAndAnotherForAnotherSeed() {
        assertTrue(templates.ids().size() >= 25, templates.ids().toString());
        try (GuiEnvironmentFactory factory = new GuiEnvironmentProvider().open(Map.of())) {
            WebPages pages = factory.webPages().orElseThrow();
            for (String id : templates.ids()) {
                String a = pages.render(id, Map.of("seed", "5")).body();
                assertEquals(a, pages.render(id, Map.of("seed", "5")).body(), id);
                assertTrue(a.contains("window.stepgym = {ready: true, check: check}"), id);
                assertNotEquals(templates.template(id).task(5), templates.template(id).task(6), id);
                assertTrue(!templates.template(id).task(5).reference().isEmpty(), id);
            }
            assertEquals(404, pages.render("no-such-task", Map.of()).status());
            assertEquals(400, pages.render("tabs", Map.of("seed", "x")).status());
            assertEquals(200, pages.render("", Map.of()).status());
        }
    }

    @Test
    void variantsAndInstructionsAreSeededAndDeterministic() {
        GuiTemplates other = new GuiTemplates();
        for (String id : templates.ids()) {
            java.util.Set<String> instructions = new java.util.HashSet<>();
            for (long seed = 0; seed < 8; seed++) {
                GuiTask task = templates.template(id).task(seed);
                assertEquals(task, other.template(id).task(seed), id + " at seed " + seed);
                assertEquals(templates.template(id).page(seed, Map.of()), other.template(id).page(seed, Map.of()), id);
                instructions.add(task.instruction() + task.reference());
            }
            assertTrue(instructions.size() >= 3, id + " has too few variants over 8 seeds: " + instructions);
        }
    }

    @Test
    void dragAndPressReferenceStepsNameTheirTargets() {
        Map<String, Object> drag = templates.task("drag-card:3", 0).referenceJson().get(0);
        assertEquals("drag", drag.get("action"));
        assertEquals("listitem", drag.get("role"));
        assertEquals("region", drag.get("to_role"));
        assertNotNull(drag.get("to_name"));
        Map<String, Object> press = templates.task("slider:3", 0).referenceJson().get(1);
        assertEquals("press", press.get("action"));
        assertTrue(press.get("value").toString().startsWith("Arrow"), press.toString());
        assertNull(press.get("role"));
    }

    @Test
    void tasksAndSplits() {
        assertEquals(templates.ids().size() * 10, templates.split("train").size());
        assertTrue(templates.split("test").get(0).endsWith(":1000000"));
        assertEquals("tabs", templates.task("tabs:3", 99).template());
        assertEquals(3, templates.task("tabs:3", 99).seed());
        assertEquals(99, templates.task("tabs", 99).seed());
        assertThrows(StepGymException.class, () -> templates.task("nope:1", 1));
        assertThrows(StepGymException.class, () -> templates.task("tabs:x", 1));
        assertThrows(StepGymException.class, () -> templates.split("dev"));
    }

    @Test
    void textAndToolActionsParseAlikeAndBadOnesSayWhy() {
        assertEquals(GuiAction.parse(Action.text("type(e5, \"a, b\")")).action(),
                GuiAction.parse(Action.tool("type", Map.of("ref", "e5", "text", "a, b"))).action());
        assertEquals(new GuiAction("click", "f2e7", 0, 0, null), GuiAction.parse(Action.text("click(f2e7)")).action());
        assertEquals(new GuiAction("click", null, 12, 40, null), GuiAction.parse(Action.text("click(12, 40)")).action());
        assertEquals(new GuiAction("scroll", null, 0, -300, null), GuiAction.parse(Action.tool("scroll", Map.of("dx", 0, "dy", -300))).action());
        assertEquals(new GuiAction("press", null, 0, 0, "Enter"), GuiAction.parse(Action.text("press(\"Enter\")")).action());
        assertEquals(new GuiAction("back", null, 0, 0, null), GuiAction.parse(Action.text("back()")).action());
        assertNull(GuiAction.parse(Action.text("select(e3, 'Red')")).error());
        for (Object[] bad : new Object[][]{{"fly(e1)", "unknown action"}, {"click e1", "not an action"},
                {"type(e1, \"<script>x</script>\")", "script"}, {"type(e1, \"a\" \"b\")", "commas"},
                {"type(button, \"x\")", "not an element ref"}, {"press(\"rm -rf\")", "not a key press"},
                {"scroll(0, 99999)", "between"}, {"type(e1, \"" + "x".repeat(600) + "\")", "at most 500"},
                {"type(e1)", "needs its 'text'"}, {"type(e1, \"unclosed)", "not closed"}}) {
            String error = GuiAction.parse(Action.text((String) bad[0])).error();
            assertNotNull(error, (String) bad[0]);
            assertTrue(error.contains((String) bad[1]), bad[0] + " -> " + error);
        }
        assertTrue(GuiAction.parse(Action.tool("type", Map.of("ref", "e1", "text", 5))).error().contains("must be a string"));
    }

    @Test
    void dragParsesAsTextAndToolCallAndRefusesBadRefs() {
        GuiAction drag = new GuiAction("drag", "e4", 0, 0, "e9");
        assertEquals(drag, GuiAction.parse(Action.text("drag(e4, e9)")).action());
        assertEquals(drag, GuiAction.parse(Action.tool("drag", Map.of("from", "e4", "to", "e9"))).action());
        assertEquals(Map.of("type", "drag", "ref", "e4", "to", "e9"), drag.toJson());
        for (Object[] bad : new Object[][]{{"drag(e4, e4)", "two different elements"}, {"drag(e4)", "needs its 'to'"},
                {"drag(e4, card)", "not an element ref"}, {"drag()", "needs its 'from'"}}) {
            String error = GuiAction.parse(Action.text((String) bad[0])).error();
            assertNotNull(error, (String) bad[0]);
            assertTrue(error.contains((String) bad[1]), bad[0] + " -> " + error);
        }
        assertTrue(GuiAction.parse(Action.tool("drag", Map.of("from", "e4"))).error().contains("needs its 'to'"));
        assertTrue(GuiAction.parse(Action.tool("drag", Map.of("from", "e4", "to", "e4"))).error().contains("two different"));
        assertTrue(GuiAction.parse(Action.tool("drag", Map.of("from", "e4", "to", 9))).error().contains("must be a string"));
    }

    @Test
    void settingsAreCheckedAndAnEpisodeWithoutAServerSaysSo() {
        assertThrows(IllegalArgumentException.class, () -> new GuiEnvironmentProvider().open(Map.of("browser", "2")));
        assertThrows(IllegalArgumentException.class, () -> new GuiEnvironmentProvider().open(Map.of("origin", "ftp://x")));
        try (GuiEnvironmentFactory factory = new GuiEnvironmentProvider().open(Map.of())) {
            StepGymException e = assertThrows(StepGymException.class,
                    () -> factory.newEpisode().reset(new ResetRequest(1, null, Map.of(), false)));
            assertTrue(e.getMessage().contains("no server has said where it listens"), e.getMessage());
        }
    }
}
