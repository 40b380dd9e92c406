package dev.stepgym.envs.gui;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a task's reference trajectory, naming its target the way the accessibility tree does
 * (role and accessible name), so an oracle finds the target's ref in any observation.
 *
 * @param action {@code click}, {@code type}, {@code select} or {@code check}
 * @param role   the target's ARIA role ({@code button}, {@code textbox}, {@code combobox}, ...)
 * @param name   the target's accessible name
 * @param value  the text to type or the option to select; null for click and check
 */
public record ReferenceStep(String action, String role, String name, String value) {

    public static ReferenceStep click(String role, String name) {
        return new ReferenceStep("click", role, name, null);
    }

    public static ReferenceStep type(String name, String text) {
        return new ReferenceStep("type", "textbox", name, text);
    }

    public static ReferenceStep select(String name, String option) {
        return new ReferenceStep("select", "combobox", name, option);
    }

    public static ReferenceStep check(String role, String name) {
        return new ReferenceStep("check", role, name, null);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", action);
        m.put("role", role);
        m.put("name", name);
        if (value != null) {
            m.put("value", value);
        }
        return m;
    }
}
