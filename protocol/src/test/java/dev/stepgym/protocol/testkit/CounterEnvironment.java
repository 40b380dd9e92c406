package dev.stepgym.protocol.testkit;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code counter-v1} episode. See {@link CounterProvider}. */
public final class CounterEnvironment implements Environment {
    private static final String SOURCE = "env:counter";
    private static final Pattern TASK = Pattern.compile("target-([1-9])");
    private static final Pattern ADD = Pattern.compile("add\\[(-?\\d{1,6})]");
    private static final Pattern SPIN = Pattern.compile("spin\\[(\\d{1,4})]");
    private static final List<String> ACTIONS = List.of("inc", "dec", "add[n]", "done");

    private final AtomicInteger live;
    private int target;
    private int count;
    private boolean finished;
    private boolean closed;

    CounterEnvironment(AtomicInteger live) {
        this.live = live;
        live.incrementAndGet();
    }

    private CounterEnvironment(CounterEnvironment other) {
        this(other.live);
        this.target = other.target;
        this.count = other.count;
        this.finished = other.finished;
    }

    @Override
    public Start reset(ResetRequest request) {
        if (request.task() == null) {
            target = 1 + (int) Math.floorMod(request.seed(), 5L);
        } else {
            Matcher matcher = TASK.matcher(request.task());
            if (!matcher.matches()) {
                throw new StepGymException(ErrorCode.UNKNOWN_TASK, "unknown counter-v1 task '" + request.task() + "'; tasks: target-1..target-9");
            }
            target = Integer.parseInt(matcher.group(1));
        }
        Object start = request.options().get("start");
        if (start != null && !(start instanceof Integer)) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "options.start must be an integer");
        }
        count = start == null ? 0 : (Integer) start;
        finished = false;
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("task", "target-" + target);
        info.put("instruction", "Bring the counter to " + target + ", then say done.");
        if (request.privileged()) {
            info.put("goal", Map.of("target", target));
        }
        return new Start(observation(null), info, Map.of("target", target));
    }

    @Override
    public Transition step(Action action) {
        String verb = action.isText() ? action.text().trim() : action.tool();
        if (verb.equals("crash")) {
            throw new IllegalStateException("counter-v1 failed on purpose");
        }
        if (verb.equals("block")) {
            CounterGate.pass();
            return Transition.of(observation(null), List.of(), false);
        }
        Matcher spin = SPIN.matcher(verb);
        if (spin.matches()) {
            spin(Integer.parseInt(spin.group(1)));
            return Transition.of(observation(null), List.of(), false);
        }
        Integer delta = switch (verb) {
            case "inc" -> 1;
            case "dec" -> -1;
            case "add" -> amount(action.arguments().get("amount"));
            default -> {
                Matcher add = ADD.matcher(verb);
                yield add.matches() && action.isText() ? Integer.valueOf(add.group(1)) : null;
            }
        };
        if (verb.equals("done")) {
            finished = true;
            double success = count == target ? 1.0 : 0.0;
            return Transition.of(observation(null),
                    List.of(new RewardComponent(CounterProvider.SUCCESS, success, 1.0, SOURCE, RewardKind.OUTCOME)), true);
        }
        if (delta == null) {
            return new Transition(observation("cannot parse action '" + action.describe() + "'; try one of " + ACTIONS),
                    List.of(new RewardComponent(CounterProvider.INVALID_ACTION, -1.0, 0.1, SOURCE, RewardKind.PENALTY)), false,
                    false, Map.of(), Map.of("count", count, "invalid_action", true));
        }
        int before = Math.abs(target - count);
        count += delta;
        double progress = before - Math.abs(target - count);
        return new Transition(observation(null),
                List.of(new RewardComponent(CounterProvider.PROGRESS, progress, 1.0, SOURCE, RewardKind.STEP)), false,
                false, Map.of(), Map.of("count", count, "invalid_action", false));
    }

    @Override
    public Environment fork() {
        return new CounterEnvironment(this);
    }

    @Override
    public Object state() {
        return Map.of("count", count, "target", target, "finished", finished);
    }

    @Override
    public Map<String, Object> outcome() {
        return finished ? Map.of("count", count, "success", count == target) : Map.of();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            live.decrementAndGet();
        }
    }

    /**
     * Keeps the CPU busy for {@code millis} without ever looking at the interrupt flag, like a
     * search in a large index: an interrupt that arrives meanwhile is still pending when the step
     * returns and its line is recorded.
     */
    private static void spin(int millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        long sink = 0;
        while (System.nanoTime() < end) {
            sink += sink * 31 + 7;
        }
        if (sink == 42) {
            System.out.print(""); // keeps the loop from being optimised away
        }
    }

    private Observation observation(String error) {
        return new Observation("count=" + count + " target=" + target, ACTIONS, Map.of("count", count), error);
    }

    private static Integer amount(Object value) {
        return value instanceof Integer amount ? amount : null;
    }
}
