package dev.stepgym.envs.shop.goal;

import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.StepGymException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Goals split into {@code test}, {@code dev} and {@code train} as WebShop does: the first 500 goals
 * are test, the next 1000 dev, the rest train. Below 3000 goals the split is proportional instead
 * (10% test, 20% dev, the rest train; at least one each from 3 goals up), so small catalogs still
 * have all three splits.
 */
public final class TaskSet {
    public static final List<String> SPLITS = List.of("train", "dev", "test");

    private final Map<String, List<Task>> bySplit = new LinkedHashMap<>();
    private final Map<String, Task> byId = new HashMap<>();

    /** @param goals goals in their final (already shuffled) order */
    public TaskSet(List<Goal> goals) {
        int n = goals.size();
        int test, dev;
        if (n >= 3000) {
            test = 500;
            dev = 1000;
        } else if (n >= 3) {
            test = Math.max(1, n / 10);
            dev = Math.max(1, n / 5);
        } else {
            test = 0;
            dev = 0;
        }
        for (String split : SPLITS) {
            bySplit.put(split, new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            String split = i < test ? "test" : i < test + dev ? "dev" : "train";
            List<Task> list = bySplit.get(split);
            Task task = new Task(String.format(Locale.ROOT, "shop-%s-%05d", split, list.size()), split, goals.get(i));
            list.add(task);
            byId.put(task.id(), task);
        }
        bySplit.replaceAll((k, v) -> List.copyOf(v));
    }

    /** Tasks of a split in id order; an unknown split is a BAD_REQUEST. */
    public List<Task> split(String split) {
        List<Task> tasks = bySplit.get(split);
        if (tasks == null) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "unknown split '" + split + "'; expected one of " + SPLITS);
        }
        return tasks;
    }

    /** A task by id; unknown ids are UNKNOWN_TASK. */
    public Task task(String id) {
        Task task = byId.get(id);
        if (task == null) {
            throw new StepGymException(ErrorCode.UNKNOWN_TASK, "unknown shop task '" + id
                    + "'; ids look like shop-test-00017 (splits: " + SPLITS + ")");
        }
        return task;
    }

    /** The task a seed picks in a split; a split without tasks is a BAD_REQUEST. */
    public Task pick(String split, long seed) {
        List<Task> tasks = split(split);
        if (tasks.isEmpty()) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "split '" + split + "' has no tasks");
        }
        return tasks.get(new java.util.SplittableRandom(seed).nextInt(tasks.size()));
    }
}
