package dev.stepgym.rewards.service;

import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardPipeline;
import dev.stepgym.rewards.transform.TrajectoryGroup;
import dev.stepgym.rewards.transform.TrajectoryRewards;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/rewards/transform}: one transform, or a chain, over a group of reward sequences
 * of the same task.
 *
 * <pre>{@code
 * {"transforms": [{"name": "grpo", "params": {"normalize_std": false}}],
 *  "group": [{"id": "a", "rewards": [0.0, 0.5], "outcome": 1.0, "state_hashes": ["s0", "s1"]},
 *            {"id": "b", "rewards": [0.2], "outcome": 0.0}]}
 * → {"results": [{"id": "a", "values": [0.5, 0.5]}, {"id": "b", "values": [-0.5]}]}
 * }</pre>
 *
 * {@code "transform": {...}} is short for a chain of one. {@code rewards} are the per-step process
 * rewards without the outcome; {@code outcome} (default 0) is the episode's outcome reward.
 */
public final class RewardTransforming {
    private static final Set<String> KEYS = Set.of("transform", "transforms", "group");
    private static final Set<String> MEMBER_KEYS = Set.of("id", "rewards", "outcome", "state_hashes");
    private static final int MAX_MEMBERS = 4096;

    private RewardTransforming() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> transform(Object body) {
        if (!(body instanceof Map<?, ?> request)) {
            throw new IllegalArgumentException("the body must be an object with \"transforms\" (or \"transform\") and \"group\"");
        }
        for (Object key : request.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("unknown field \"" + key + "\" (known: group, transform, transforms)");
            }
        }
        Object chain = request.get("transforms") != null ? request.get("transforms")
                : request.get("transform") != null ? List.of(request.get("transform")) : null;
        if (chain == null || (request.get("transforms") != null && request.get("transform") != null)) {
            throw new IllegalArgumentException("give \"transforms\" (a list) or \"transform\" (one), not both or neither");
        }
        // A pipeline with a placeholder signal carries the chain: the same checks and errors as in pipelines.
        Map<String, Object> pipeline = new LinkedHashMap<>();
        pipeline.put("signals", List.of(Map.of("name", "invalid_action")));
        pipeline.put("transforms", chain);
        RewardPipeline checked = RewardPipeline.of(PipelineConfig.parse(pipeline, "request"), "request");
        if (!(request.get("group") instanceof List<?> members) || members.isEmpty()) {
            throw new IllegalArgumentException("group must be a non-empty list of {\"id\", \"rewards\", \"outcome\"?, \"state_hashes\"?}");
        }
        if (members.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException("group has " + members.size() + " members, more than " + MAX_MEMBERS);
        }
        List<TrajectoryRewards> group = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            group.add(member(members.get(i), "group[" + i + "]"));
        }
        List<List<Double>> values = checked.transforms().offline(new TrajectoryGroup(group));
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", group.get(i).id());
            r.put("values", values.get(i));
            results.add(r);
        }
        return Map.of("results", results);
    }

    private static TrajectoryRewards member(Object raw, String at) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(at + " must be an object");
        }
        for (Object key : m.keySet()) {
            if (!MEMBER_KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(at + ": unknown field \"" + key + "\" (known: id, outcome, rewards, state_hashes)");
            }
        }
        if (!(m.get("id") instanceof String id)) {
            throw new IllegalArgumentException(at + ".id must be a string");
        }
        List<Double> rewards = new ArrayList<>();
        if (!(m.get("rewards") instanceof List<?> list)) {
            throw new IllegalArgumentException(at + ".rewards must be a list of numbers");
        }
        for (int t = 0; t < list.size(); t++) {
            if (!(list.get(t) instanceof Number n)) {
                throw new IllegalArgumentException(at + ".rewards[" + t + "] must be a number");
            }
            rewards.add(n.doubleValue());
        }
        double outcome = 0;
        if (m.get("outcome") != null) {
            if (!(m.get("outcome") instanceof Number n)) {
                throw new IllegalArgumentException(at + ".outcome must be a number");
            }
            outcome = n.doubleValue();
        }
        List<String> hashes = new ArrayList<>();
        if (m.get("state_hashes") != null) {
            if (!(m.get("state_hashes") instanceof List<?> hl)) {
                throw new IllegalArgumentException(at + ".state_hashes must be a list of strings");
            }
            for (Object h : hl) {
                if (!(h instanceof String s)) {
                    throw new IllegalArgumentException(at + ".state_hashes must be a list of strings");
                }
                hashes.add(s);
            }
        }
        return new TrajectoryRewards(id, rewards, hashes, outcome);
    }
}
