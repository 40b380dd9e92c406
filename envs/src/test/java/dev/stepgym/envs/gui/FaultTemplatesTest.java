package dev.stepgym.envs.gui;

import dev.stepgym.protocol.env.WebPages;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fault pages without a browser: reachable by task id and URL, in no split, never picked by a seed. */
class FaultTemplatesTest {
    private final GuiTemplates templates = new GuiTemplates();

    @Test
    void faultTasksAreReachableByIdOnlyAndTheirPagesAreServed() {
        List<String> faults = List.of("page-hangs", "page-crashes");
        for (String id : faults) {
            GuiTask task = templates.task(id + ":0", 0);
            assertEquals(id, task.template());
            assertEquals(List.of(ReferenceStep.click("button", "Count")), task.reference());
            assertFalse(templates.ids().contains(id), id + " is hidden");
            assertFalse(templates.split("train").stream().anyMatch(t -> t.startsWith(id + ":")), id + " is in no split");
            assertFalse(templates.split("test").stream().anyMatch(t -> t.startsWith(id + ":")), id + " is in no split");
        }
        for (long seed = 0; seed < 200; seed++) {
            assertFalse(faults.contains(templates.pick(seed).template()), "a seed never picks a fault page");
        }
        try (GuiEnvironmentFactory factory = new GuiEnvironmentProvider().open(Map.of())) {
            WebPages pages = factory.webPages().orElseThrow();
            WebPages.Page hang = pages.render("page-hangs", Map.of("seed", "0"));
            assertEquals(200, hang.status());
            assertTrue(hang.body().contains("for (;;) { }") && hang.body().contains(">Count</button>"), hang.body());
            WebPages.Page crash = pages.render("page-crashes", Map.of("seed", "0"));
            assertTrue(crash.body().contains("hoard.push") && crash.body().contains("window.stepgym"), crash.body());
        }
    }
}
