package dev.stepgym.envs.gui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one look at the page saw: the URL (path only: the server's port is no part of the task), the
 * accessibility tree in Playwright's AI mode, the focused element and the task's check() result.
 *
 * @param screenshot a base64 PNG, or null when the episode did not ask for screenshots
 */
record PageView(String url, String tree, String focused, List<Boolean> subgoals, boolean failed,
                Map<String, Object> pageState, String screenshot) {
    private static final Pattern REF = Pattern.compile("\\[ref=((?:f[0-9]+)?e[0-9]+)]");
    private static final Pattern LINE = Pattern.compile("^\\s*- ([a-z]+)(?: \"((?:[^\"\\\\]|\\\\.)*)\")?.*\\[ref=((?:f[0-9]+)?e[0-9]+)]");

    PageView {
        subgoals = List.copyOf(subgoals);
        pageState = pageState == null ? Map.of() : pageState;
    }

    boolean hasRef(String ref) {
        Matcher m = REF.matcher(tree);
        while (m.find()) {
            if (m.group(1).equals(ref)) {
                return true;
            }
        }
        return false;
    }

    int subgoalsDone() {
        return (int) subgoals.stream().filter(b -> b).count();
    }

    boolean success() {
        return !subgoals.isEmpty() && !failed && subgoals.stream().allMatch(b -> b);
    }

    /** Concrete actions on this page: a click on every element with a ref, check on boxes, and the page-wide ones. */
    List<String> availableActions() {
        List<String> actions = new ArrayList<>();
        for (String line : tree.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String role = m.group(1);
            String ref = m.group(3);
            switch (role) {
                case "checkbox", "radio" -> actions.add("check(" + ref + ")");
                case "textbox" -> actions.add("type(" + ref + ", \"text\")");
                default -> actions.add("click(" + ref + ")");
            }
        }
        actions.add("scroll(0, 300)");
        actions.add("press(\"Enter\")");
        actions.add("back()");
        return actions;
    }

    /** What determines the next observation, for state(). */
    Map<String, Object> toState() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("url", url);
        s.put("tree", tree);
        s.put("focused", focused);
        s.put("subgoals", subgoals);
        s.put("failed", failed);
        s.put("page", pageState);
        return s;
    }
}
