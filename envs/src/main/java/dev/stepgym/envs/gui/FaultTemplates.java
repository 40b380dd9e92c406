package dev.stepgym.envs.gui;

import java.util.List;
import java.util.Map;

/**
 * Pages that misbehave on purpose (a script that never returns, a renderer that dies), reachable by task
 * id only: they show that an episode and the browser pool survive what a page can do. In no split.
 *
 * <p>Each page has the button that misbehaves and a harmless {@code Count} button; the task is to press
 * {@code Count}, so a test (or an agent) can show that the episode goes on after the fault.
 */
final class FaultTemplates {
    private FaultTemplates() {
    }

    static List<GuiTemplate> all() {
        return List.of(new Hang(), new Crash());
    }

    /** The page and task shared by the fault templates: the button that misbehaves runs {@code faultJs}. */
    private abstract static class Fault implements GuiTemplate {
        private final String faultButton;
        private final String faultJs;

        Fault(String faultButton, String faultJs) {
            this.faultButton = faultButton;
            this.faultJs = faultJs;
        }

        public GuiTask task(long seed) {
            return new GuiTask(id(), seed, "Click the button \"Count\" (not \"" + faultButton + "\").",
                    List.of(ReferenceStep.click("button", "Count")));
        }

        public String page(long seed, Map<String, String> query) {
            return GuiHtml.page("Fault: " + id(), "<h1>" + GuiHtml.escape(faultButton) + "</h1>"
                    + "<button type=\"button\" id=\"fault\">" + GuiHtml.escape(faultButton) + "</button>"
                    + "<button type=\"button\" id=\"count\">Count</button><p id=\"out\">Count: 0</p>", """
                    let count = 0;
                    document.getElementById("count").addEventListener("click", () => {
                      count++;
                      document.getElementById("out").textContent = "Count: " + count;
                    });
                    document.getElementById("fault").addEventListener("click", () => { FAULT });
                    function check() {
                      return {subgoals: [count > 0], failed: false, state: {count: count}};
                    }""".replace("FAULT", faultJs));
        }
    }

    /** {@code Hang}: a click handler that never returns, so the renderer's main thread spins for ever. */
    static final class Hang extends Fault {
        Hang() {
            super("Hang", "for (;;) { }");
        }

        public String id() {
            return "page-hangs";
        }
    }

    /**
     * {@code Crash}: a click handler that keeps allocating until the page's JavaScript heap passes the
     * pool's cap ({@code --max-old-space-size}), where V8 gives up and the renderer dies (Chromium's
     * "out of memory" crash). Page script has no other way to crash its renderer.
     */
    static final class Crash extends Fault {
        Crash() {
            super("Crash", "const hoard = []; for (;;) { hoard.push(new Array(1 << 20).fill(Math.random())); }");
        }

        public String id() {
            return "page-crashes";
        }
    }
}
