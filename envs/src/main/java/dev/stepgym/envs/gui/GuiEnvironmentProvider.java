package dev.stepgym.envs.gui;

import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.ToolSpec;
import dev.stepgym.protocol.env.EnvSettings;
import dev.stepgym.protocol.env.EnvironmentProvider;
import dev.stepgym.rewards.generic.InvalidActionSignal;
import dev.stepgym.rewards.gui.ReferenceMatchSignal;
import dev.stepgym.rewards.gui.SubgoalProgressSignal;
import dev.stepgym.rewards.gui.TaskSuccessSignal;
import dev.stepgym.sandbox.browser.BrowserPoolConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gui-v1}, found through {@link java.util.ServiceLoader}: MiniWoB-like tasks in a real
 * Chromium, on pages the StepGym server serves under {@code /web/gui-v1/}.
 *
 * <p>Settings: {@code browsers} (Chromium processes of the pool, default 2), {@code contexts_per_browser}
 * (default 16), {@code origin} (open the task pages of another StepGym server, {@code http://host:port}).
 */
public final class GuiEnvironmentProvider implements EnvironmentProvider {
    public static final String ID = "gui-v1";
    public static final int MAX_STEPS = 20;
    public static final List<String> REWARD_COMPONENTS = List.of(SubgoalProgressSignal.NAME, TaskSuccessSignal.NAME,
            InvalidActionSignal.NAME);

    private static final Map<String, Object> REF = Map.of("type", "string", "description",
            "an element's ref from the page tree, e.g. e5 for [ref=e5]");
    private static final EnvSpec SPEC = new EnvSpec(ID,
            "MiniWoB-like web tasks (buttons, text entry, forms with validation, dropdowns, checkboxes, radios, tabs, "
                    + "menus, links, switches, search, a long list, a date picker, login, multi-page flows, drag and drop, dialogs, "
                    + "comboboxes, sliders, tables) in a real headless Chromium. The observation "
                    + "is the page's accessibility tree with element refs ([ref=e5]), the URL, the focused element and the last "
                    + "action's error; a PNG screenshot with the reset option screenshot=true. Act on refs: click(e5), "
                    + "type(e5, \"text\"), select(e7, \"option\"), check(e3), drag(e4, e9), or click(x, y), scroll(dx, dy), press(\"Enter\"), back().",
            "tool",
            List.of(tool("click", "Click an element by ref, or the point (x, y) of the viewport.",
                            Map.of("ref", REF, "x", integer("viewport x in CSS pixels"), "y", integer("viewport y in CSS pixels")), List.of()),
                    tool("type", "Replace the text of a text field.", Map.of("ref", REF, "text",
                            Map.of("type", "string", "maxLength", GuiAction.MAX_TEXT, "description", "plain text")), List.of("ref", "text")),
                    tool("select", "Choose an option of a list (combobox) by its label.", Map.of("ref", REF, "option",
                            Map.of("type", "string", "description", "the option's label")), List.of("ref", "option")),
                    tool("check", "Tick a checkbox or choose a radio button.", Map.of("ref", REF), List.of("ref")),
                    tool("scroll", "Scroll the page by (dx, dy) CSS pixels.", Map.of("dx", integer("pixels to the right"),
                            "dy", integer("pixels down")), List.of("dx", "dy")),
                    tool("press", "Press a key (Enter, Tab, Escape, ArrowDown, a, Control+a, ...).", Map.of("key",
                            Map.of("type", "string", "description", "the key")), List.of("key")),
                    tool("back", "Go back to the previous page of the task.", Map.of(), List.of()),
                    tool("drag", "Drag an element and drop it onto another (press on from, move onto to, release).",
                            Map.of("from", REF, "to", REF), List.of("from", "to"))),
            MAX_STEPS,
            REWARD_COMPONENTS);

    private static Map<String, Object> integer(String description) {
        return Map.of("type", "integer", "description", description);
    }

    private static ToolSpec tool(String name, String description, Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        return new ToolSpec(name, description, schema);
    }

    @Override
    public EnvSpec spec() {
        return SPEC;
    }

    /**
     * Subgoal progress from validate() (0.5), BTL-UI's rule match against the reference trajectory (0.2),
     * the task's success as outcome (1.0) and the invalid-action penalty (0.1, source env:gui).
     */
    @Override
    public Map<String, Object> defaultRewardPipeline() {
        Map<String, Object> invalid = signal(InvalidActionSignal.NAME, 0.1);
        invalid.put("params", Map.of("source", GuiEnvironment.SOURCE));
        Map<String, Object> pipeline = new LinkedHashMap<>();
        pipeline.put("signals", List.of(signal(SubgoalProgressSignal.NAME, 0.5), signal(ReferenceMatchSignal.NAME, 0.2),
                signal(TaskSuccessSignal.NAME, 1.0), invalid));
        return pipeline;
    }

    private static Map<String, Object> signal(String name, double weight) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("weight", weight);
        return s;
    }

    @Override
    public GuiEnvironmentFactory open(Map<String, String> settings) {
        EnvSettings s = new EnvSettings(ID, settings);
        s.requireKnown(List.of("browsers", "contexts_per_browser", "origin"));
        BrowserPoolConfig config = BrowserPoolConfig.defaults()
                .withBrowsers((int) s.integer("browsers", 2, 1, 16))
                .withMaxContextsPerBrowser((int) s.integer("contexts_per_browser", 16, 1, 256));
        String origin = s.string("origin", null);
        if (origin != null && !origin.matches("https?://[^/?#]+")) {
            throw new IllegalArgumentException("gui-v1 setting 'origin' must be http://host:port, got '" + origin + "'");
        }
        return new GuiEnvironmentFactory(SPEC, config, origin);
    }
}
