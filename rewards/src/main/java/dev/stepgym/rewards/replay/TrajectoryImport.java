package dev.stepgym.rewards.replay;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.record.TrajectoryRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code stepgym replay import}: trajectories written by other tools, one episode per JSONL line
 * (the format is in docs/replay.md), turned into StepGym trajectory files so re-scoring with
 * evidence-based signals and the transforms run on them. An episode gives its steps either as
 * {@code "steps"} (action, observation, optional rewards and evidence) or as chat
 * {@code "messages"} (each assistant message is an action, the messages after it until the next
 * one its observation).
 */
public final class TrajectoryImport {
    /** The source recorded with imported reward values. */
    public static final String SOURCE = "import";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Pattern ENV = Pattern.compile("[a-z0-9_]+(-[a-z0-9_]+)*-v[0-9]+");
    private static final Set<String> EPISODE_KEYS = Set.of("episode_id", "env", "task", "seed", "context", "steps", "messages", "outcome");
    private static final Set<String> STEP_KEYS = Set.of("action", "observation", "rewards", "reward", "evidence", "terminated", "truncated");

    private TrajectoryImport() {}

    /** What an import wrote. */
    public record Summary(int episodes, int steps) {}

    /**
     * @throws IllegalArgumentException naming the input line and field that is wrong; files
     *     written before it stay, each whole
     */
    public static Summary run(Path input, Path out) {
        int episodes = 0;
        int steps = 0;
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = input.getFileName() + ":" + number;
                Object json;
                try {
                    json = Json.mapper().readValue(line, Object.class);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException(where + ": not JSON: " + e.getOriginalMessage(), e);
                }
                List<TrajectoryRecord> records = episode(json, where, number);
                TrajectoryRecord.Header h = (TrajectoryRecord.Header) records.get(0);
                RescoreRun.write(out.resolve(h.env()).resolve(h.episodeId() + ".jsonl"), records);
                episodes++;
                steps += records.size() - 2;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input, e);
        }
        return new Summary(episodes, steps);
    }

    /** One input line as trajectory records: header, steps, end. */
    @SuppressWarnings("unchecked")
    static List<TrajectoryRecord> episode(Object json, String where, int line) {
        Map<String, Object> e = object(json, where);
        known(e, EPISODE_KEYS, where);
        String id = e.get("episode_id") == null ? "imported-" + line : string(e.get("episode_id"), where + ".episode_id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(where + ".episode_id must be 1-100 of [A-Za-z0-9_-], got " + id);
        }
        String env = e.get("env") == null ? "imported-v1" : string(e.get("env"), where + ".env");
        if (!ENV.matcher(env).matches()) {
            throw new IllegalArgumentException(where + ".env must look like name-v1, got " + env);
        }
        String task = e.get("task") == null ? null : String.valueOf(e.get("task"));
        long seed = 0;
        if (e.get("seed") != null) {
            if (!(e.get("seed") instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new IllegalArgumentException(where + ".seed must be an integer");
            }
            seed = n.longValue();
        }
        Map<String, Object> context = e.get("context") == null ? Map.of() : object(e.get("context"), where + ".context");
        List<Map<String, Object>> steps;
        if (e.get("steps") != null && e.get("messages") != null) {
            throw new IllegalArgumentException(where + ": give \"steps\" or \"messages\", not both");
        } else if (e.get("steps") != null) {
            steps = new ArrayList<>();
            List<?> raw = list(e.get("steps"), where + ".steps");
            for (int i = 0; i < raw.size(); i++) {
                steps.add(object(raw.get(i), where + ".steps[" + i + "]"));
            }
        } else if (e.get("messages") != null) {
            steps = fromMessages(list(e.get("messages"), where + ".messages"), where + ".messages");
        } else {
            throw new IllegalArgumentException(where + ": an episode needs \"steps\" or \"messages\"");
        }
        Map<String, Object> outcome = e.get("outcome") == null ? Map.of() : object(e.get("outcome"), where + ".outcome");
        List<TrajectoryRecord> records = new ArrayList<>();
        records.add(new TrajectoryRecord.Header(id, env, env.substring(env.lastIndexOf("-v") + 1), task, seed, "import",
                Json.sha256(Map.of()), null, null, Map.of(), context, null));
        double total = 0;
        for (int i = 0; i < steps.size(); i++) {
            String at = where + ".steps[" + i + "]";
            Map<String, Object> s = steps.get(i);
            known(s, STEP_KEYS, at);
            Action action = action(s.get("action"), at + ".action");
            Observation observation = Observation.of(s.get("observation") == null ? "" : string(s.get("observation"), at + ".observation"), List.of());
            List<RewardComponent> components = rewards(s.get("rewards"), at + ".rewards");
            double reward = components.isEmpty() && s.get("reward") != null ? number(s.get("reward"), at + ".reward")
                    : RewardComponent.total(components);
            if (components.isEmpty() && s.get("reward") != null) {
                components = List.of(new RewardComponent("reward", reward, 1.0, SOURCE, RewardKind.STEP));
            }
            total += reward;
            Map<String, Object> evidence = s.get("evidence") == null ? Map.of() : object(s.get("evidence"), at + ".evidence");
            boolean last = i == steps.size() - 1;
            boolean terminated = s.get("terminated") == null ? last : bool(s.get("terminated"), at + ".terminated");
            boolean truncated = s.get("truncated") != null && bool(s.get("truncated"), at + ".truncated");
            records.add(new TrajectoryRecord.StepLine(i + 1, action, observation, components, reward, terminated, truncated,
                    null, Map.of(), 0, evidence));
        }
        records.add(new TrajectoryRecord.End(steps.size(), total, outcome, TrajectoryRecord.End.CLOSED));
        return records;
    }

    /** Each assistant message is an action; what follows it, until the next one, is its observation. */
    private static List<Map<String, Object>> fromMessages(List<?> messages, String where) {
        List<Map<String, Object>> steps = new ArrayList<>();
        Map<String, Object> current = null;
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            Map<String, Object> m = object(messages.get(i), where + "[" + i + "]");
            String role = string(m.get("role"), where + "[" + i + "].role");
            String content = m.get("content") == null ? "" : string(m.get("content"), where + "[" + i + "].content");
            if (role.equals("assistant")) {
                if (current != null) {
                    current.put("observation", seen.toString());
                }
                current = new LinkedHashMap<>();
                current.put("action", content);
                steps.add(current);
                seen.setLength(0);
            } else if (current != null) {
                seen.append(seen.length() == 0 ? "" : "\n").append(content);
            }
        }
        if (current != null) {
            current.put("observation", seen.toString());
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException(where + ": no assistant message, so no action");
        }
        return steps;
    }

    private static Action action(Object value, String at) {
        if (value instanceof String s) {
            return Action.text(s);
        }
        if (value instanceof Map<?, ?> m && m.get("tool") instanceof String tool) {
            Object args = m.get("arguments");
            return Action.tool(tool, args == null ? Map.of() : object(args, at + ".arguments"));
        }
        throw new IllegalArgumentException(at + " must be a string or {\"tool\", \"arguments\"}");
    }

    private static List<RewardComponent> rewards(Object value, String at) {
        if (value == null) {
            return List.of();
        }
        List<RewardComponent> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : object(value, at).entrySet()) {
            out.add(new RewardComponent(e.getKey(), number(e.getValue(), at + "." + e.getKey()), 1.0, SOURCE, RewardKind.STEP));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String at) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(at + " must be an object");
    }

    private static List<?> list(Object value, String at) {
        if (value instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException(at + " must be a list");
    }

    private static String string(Object value, String at) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(at + " must be a string");
    }

    private static double number(Object value, String at) {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(at + " must be a finite number");
    }

    private static boolean bool(Object value, String at) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(at + " must be true or false");
    }

    private static void known(Map<String, Object> m, Set<String> keys, String at) {
        for (String k : m.keySet()) {
            if (!keys.contains(k)) {
                throw new IllegalArgumentException(at + ": unknown field \"" + k + "\" (known: " + new java.util.TreeSet<>(keys) + ")");
            }
        }
    }
}
