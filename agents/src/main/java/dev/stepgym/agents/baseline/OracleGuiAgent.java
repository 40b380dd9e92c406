package dev.stepgym.agents.baseline;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.EpisodeStart;
import dev.stepgym.agents.Policy;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.Observation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Solves {@code gui-v1} tasks by following the reference trajectory of the privileged reset info
 * ({@code info.reference}: steps naming their target by ARIA role and accessible name). At each step it
 * finds the target's ref in the observation's accessibility tree and acts on it with a tool call
 * ({@code click}, {@code type}, {@code select}, {@code check}, {@code drag} from one named element onto
 * another; {@code press} needs no target: the step before focused it). A target not on the page yet (a page
 * still changing) gets a harmless {@code scroll(0, 0)} and is looked for again.
 */
public final class OracleGuiAgent implements Agent {
    public static final String NAME = "oracle-gui";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Policy start(EpisodeStart start) {
        if (!(start.info().get("reference") instanceof List<?> steps)) {
            throw new IllegalStateException("oracle-gui needs the privileged reference (reset option \"privileged\": true, "
                    + "allowed by the scenario); the reset info has none");
        }
        List<Map<?, ?>> reference = new ArrayList<>();
        for (Object s : steps) {
            reference.add((Map<?, ?>) s);
        }
        return new Follower(reference);
    }

    @Override
    public Map<String, Object> resetOptions() {
        return Map.of("privileged", true);
    }

    /** Walks the reference, one step per action. */
    private static final class Follower implements Policy {
        private final List<Map<?, ?>> reference;
        private int next;

        Follower(List<Map<?, ?>> reference) {
            this.reference = reference;
        }

        @Override
        public Action next(Observation observation) {
            if (next >= reference.size()) {
                return Action.tool("scroll", Map.of("dx", 0, "dy", 0));
            }
            Map<?, ?> step = reference.get(next);
            String action = String.valueOf(step.get("action"));
            if (action.equals("press")) {
                next++;
                return Action.tool("press", Map.of("key", step.get("value")));
            }
            String tree = observation.data().get("snapshot") instanceof String s ? s : observation.text();
            String ref = findRef(tree, String.valueOf(step.get("role")), String.valueOf(step.get("name")));
            String to = action.equals("drag") ? findRef(tree, String.valueOf(step.get("to_role")), String.valueOf(step.get("to_name"))) : null;
            if (ref == null || action.equals("drag") && to == null) {
                return Action.tool("scroll", Map.of("dx", 0, "dy", 0));
            }
            next++;
            Map<String, Object> args = new LinkedHashMap<>();
            switch (action) {
                case "type" -> {
                    args.put("ref", ref);
                    args.put("text", step.get("value"));
                }
                case "select" -> {
                    args.put("ref", ref);
                    args.put("option", step.get("value"));
                }
                case "drag" -> {
                    args.put("from", ref);
                    args.put("to", to);
                }
                default -> args.put("ref", ref);
            }
            return Action.tool(action, args);
        }
    }

    /**
     * The ref of the first element with this role and accessible name in an accessibility tree in
     * Playwright's AI form ({@code - button "Submit" [ref=e5]}), or null.
     */
    static String findRef(String tree, String role, String name) {
        Pattern line = Pattern.compile("^\\s*- " + Pattern.quote(role) + " \"" + Pattern.quote(name.replace("\"", "\\\""))
                + "\"(?=[\\s:\\[]|$).*?\\[ref=((?:f[0-9]+)?e[0-9]+)]");
        for (String l : tree.split("\n")) {
            Matcher m = line.matcher(l);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
