package dev.stepgym.envs.gui;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a task's reference trajectory, naming its target the way the accessibility tree does
 * (role and accessible name), so an oracle finds the target's ref in any observation.
 *
 * @param action {@code click}, {@code type}, {@code select}, {@code check}, {@code press} or {@code drag}
 * @param role   the target's ARIA role ({@code button}, {@code textbox}, {@code combobox}, ...); drag's source; null for press
 * @param name   the target's accessible name; null for press
 * @param value  the text to type, the option to select or the key to press; null for click, check and drag
 * @param toRole drag's drop target's role, else null
 * @param toName drag's drop target's accessible name, else null
 */
public record ReferenceStep(String action, String role, String name, String value, String toRole, String toName) {

    public ReferenceStep(String action, String role, String name, String value) {
        this(action, role, name, value, null, null);
    }

    public static ReferenceStep click(String role, String name) {
        return new ReferenceStep("click", role, name, null);
    }

    public static ReferenceStep type(String name, String text) {
        return type("textbox", name, text);
    }

    /** Typing into a field of another role (a combobox's input, a textarea named as a textbox). */
    public static ReferenceStep type(String role, String name, String text) {
        return new ReferenceStep("type", role, name, text);
    }

    public static ReferenceStep select(String name, String option) {
        return new ReferenceStep("select", "combobox", name, option);
    }

    public static ReferenceStep check(String role, String name) {
        return new ReferenceStep("check", role, name, null);
    }

    /** A key press on whatever has the focus (the step before focuses the element). */
    public static ReferenceStep press(String key) {
        return new ReferenceStep("press", null, null, key);
    }

    /** Drag the element (role, name) and drop it onto the element (toRole, toName). */
    public static ReferenceStep drag(String role, String name, String toRole, String toName) {
        return new ReferenceStep("drag", role, name, null, toRole, toName);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", action);
        if (role != null) {
            m.put("role", role);
            m.put("name", name);
        }
        if (value != null) {
            m.put("value", value);
        }
        if (toRole != null) {
            m.put("to_role", toRole);
            m.put("to_name", toName);
        }
        return m;
    }
}
