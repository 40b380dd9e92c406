package dev.stepgym.rewards.transform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * {@code token_placement}: puts per-step values on a trajectory's tokens (docs/reward-methods.md §1,
 * placement conventions). The values placed are the trajectory's step rewards (to place another
 * transform's output, build the input with {@link TrajectoryRewards#withStepRewards}); the outcome is
 * not read. Every token outside a step's span gets 0.
 *
 * <ul>
 *   <li>{@code mode}: {@code "last"} (P-last, default) writes a step's value on the last token of its
 *       span; {@code "broadcast"} (P-broadcast) on every token of its span.</li>
 *   <li>{@code token_offsets} (required): trajectory id to its steps' {@code [start, end)} token spans,
 *       one per step in step order; spans are non-empty, within {@code [0, num_tokens)}, and do not
 *       overlap (each starts at or after the previous one's end).</li>
 *   <li>{@code num_tokens} (required): the length of each token array, one integer for every
 *       trajectory (a padded batch) or trajectory id to its length.</li>
 * </ul>
 *
 * <pre>{@code
 * Map.of("mode", "last", "num_tokens", 6, "token_offsets", Map.of("t1", List.of(List.of(0, 2), List.of(2, 5))))
 * // step values [a, b] -> [0, a, 0, 0, b, 0]
 * }</pre>
 */
public final class TokenPlacement implements TrajectoryTransform {
    private static final String OFFSETS = "token_offsets";
    private static final String TOKENS = "num_tokens";

    @Override
    public String name() {
        return "token_placement";
    }

    @Override
    public Map<String, Object> defaultParams() {
        return Map.of("mode", "last");
    }

    @Override
    public Set<String> requiredParams() {
        return Set.of(OFFSETS, TOKENS);
    }

    /** Also refuses offsets for a trajectory the group does not hold: a misrouted call, not to be ignored. */
    @Override
    public TransformResult apply(TrajectoryGroup group, TransformParams params) {
        Set<String> ids = new HashSet<>();
        group.members().forEach(m -> ids.add(m.id()));
        for (Object key : byId(params, OFFSETS).keySet()) {
            String id = String.valueOf(key);
            if (!ids.contains(id)) {
                throw params.problem(OFFSETS, "names trajectory \"" + id + "\", which is not in the group");
            }
        }
        return TrajectoryTransform.super.apply(group, params);
    }

    @Override
    public TrajectoryValues applyTo(TrajectoryRewards trajectory, TransformParams params) {
        boolean last = params.oneOf("mode", List.of("last", "broadcast")).equals("last");
        int tokens = numTokens(trajectory.id(), params);
        List<int[]> spans = spans(trajectory, tokens, params);
        double[] placed = new double[tokens];
        for (int t = 0; t < spans.size(); t++) {
            int[] span = spans.get(t);
            double value = trajectory.stepRewards().get(t);
            for (int k = last ? span[1] - 1 : span[0]; k < span[1]; k++) {
                placed[k] = value;
            }
        }
        return TrajectoryValues.of(trajectory.id(), placed, OptionalDouble.empty());
    }

    private static int numTokens(String id, TransformParams params) {
        Object given = params.raw(TOKENS);
        Object value = given instanceof Map<?, ?> perId ? perId.get(id) : given;
        if (value == null) {
            throw params.problem(TOKENS, "has no length for trajectory \"" + id + "\"");
        }
        Integer n = integer(value);
        if (n == null || n < 0) {
            throw params.mustBe(TOKENS, "an integer >= 0, or a map from trajectory id to one");
        }
        return n;
    }

    private static List<int[]> spans(TrajectoryRewards trajectory, int tokens, TransformParams params) {
        String id = trajectory.id();
        Object given = byId(params, OFFSETS).get(id);
        if (given == null) {
            throw params.problem(OFFSETS, "has no spans for trajectory \"" + id + "\"");
        }
        if (!(given instanceof List<?> list)) {
            throw params.problem(OFFSETS, "for trajectory \"" + id + "\" must be a list of [start, end] pairs, got " + given);
        }
        if (list.size() != trajectory.steps()) {
            throw params.problem(OFFSETS, "has " + list.size() + " spans for trajectory \"" + id + "\", which has "
                    + trajectory.steps() + " steps (one span per step)");
        }
        List<int[]> spans = new ArrayList<>(list.size());
        int previousEnd = 0;
        for (int t = 0; t < list.size(); t++) {
            String where = "trajectory \"" + id + "\" step " + t;
            if (!(list.get(t) instanceof List<?> pair) || pair.size() != 2 || integer(pair.get(0)) == null || integer(pair.get(1)) == null) {
                throw params.problem(OFFSETS, "for " + where + " must be a [start, end] pair of integers, got " + list.get(t));
            }
            int start = integer(pair.get(0));
            int end = integer(pair.get(1));
            if (start < 0 || end > tokens || start >= end) {
                throw params.problem(OFFSETS, "for " + where + " is [" + start + ", " + end + "), which is empty or outside [0, "
                        + tokens + ")");
            }
            if (start < previousEnd) {
                throw params.problem(OFFSETS, "for " + where + " is [" + start + ", " + end
                        + "), which overlaps or precedes the previous step's span (ending at " + previousEnd + ")");
            }
            previousEnd = end;
            spans.add(new int[] {start, end});
        }
        return spans;
    }

    private static Map<?, ?> byId(TransformParams params, String name) {
        if (params.raw(name) instanceof Map<?, ?> map) {
            return map;
        }
        throw params.mustBe(name, "a map from trajectory id to a list of [start, end] pairs");
    }

    /** An integral number as an int, else null (JSON may give 3, 3L or 3.0). */
    private static Integer integer(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        return null;
    }
}
