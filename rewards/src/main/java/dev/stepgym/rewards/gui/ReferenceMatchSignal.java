package dev.stepgym.rewards.gui;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.Evidence;
import dev.stepgym.rewards.signal.SignalParams;
import dev.stepgym.rewards.signal.StepScope;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * {@code reference_match}: BTL-UI's rule-based accuracy against the task's reference trajectory, per
 * step. 1 when the step's action has the type of the reference step now due and lands strictly inside
 * that step's target box ({@code x1 < x < x2}, {@code y1 < y < y2}: BTL-UI's {@code Tap} rule), with, for
 * {@code type}, a token-set F1 of at least 0.5 against the reference text (BTL-UI's {@code Type} rule;
 * there the text has no target, here the textbox is checked as well) and, for {@code select}, the
 * reference option; {@code press} matches the same key and {@code back} matches {@code back} (BTL-UI's
 * Home/Back rule: equal actions); {@code drag} must also drop strictly inside the reference's drop target
 * (evidence {@code drop_point}, {@code reference_drop_boxes}); else 0. {@code check} is matched as a click. BTL-UI's other parts (the format and
 * "blink" box rewards) grade a model's output format and have no counterpart here.
 *
 * <p>Which reference step is due follows from the steps before: it starts at the first, and moves on
 * each time a step matched. The environment reports only facts (context {@code reference}; evidence
 * {@code action}, {@code action_point} and {@code reference_boxes}, measured on the page before the
 * action), so a recorded run re-scores the same.
 */
public final class ReferenceMatchSignal extends DeclaredSignal {
    public static final String NAME = "reference_match";
    /** BTL-UI's threshold on the token-set F1 of typed text. */
    static final double TYPE_F1 = 0.5;

    public ReferenceMatchSignal() {
        super(NAME, RewardKind.SHAPING, GuiEvidence.SOURCE, 0.2);
    }

    @Override
    public Bound bind(SignalParams params) {
        return Bound.immediate(ReferenceMatchSignal::score);
    }

    private static OptionalDouble score(StepScope step) {
        if (!step.context().has(GuiEvidence.REFERENCE)) {
            return OptionalDouble.empty();
        }
        List<Evidence> reference = step.context().objects(GuiEvidence.REFERENCE);
        int due = 0;
        for (Evidence before : step.previous()) {
            if (due < reference.size() && matches(before, reference.get(due), due)) {
                due++;
            }
        }
        return OptionalDouble.of(due < reference.size() && matches(step.current(), reference.get(due), due) ? 1.0 : 0.0);
    }

    /** Whether a step's action matches reference step {@code index}, by BTL-UI's rules. */
    static boolean matches(Evidence step, Evidence expected, int index) {
        if (step.flag("invalid_action") || !step.has(GuiEvidence.ACTION)) {
            return false;
        }
        Evidence action = step.object(GuiEvidence.ACTION);
        String type = action.string("type");
        if (!type.equals(expected.string("action"))) {
            return false;
        }
        switch (type) {
            case "press" -> {
                // BTL-UI's Home/Back rule: the action equals the reference's; here, the same key.
                return action.optString("key").orElse("").equals(expected.optString("value").orElse(""));
            }
            case "back" -> {
                return true;
            }
            default -> {
            }
        }
        List<?> boxes = step.list(GuiEvidence.REFERENCE_BOXES);
        if (index >= boxes.size() || !(boxes.get(index) instanceof List<?> box) || !step.has(GuiEvidence.ACTION_POINT)) {
            return false;
        }
        if (!inside(step.numbers(GuiEvidence.ACTION_POINT), box)) {
            return false;
        }
        return switch (type) {
            case "click", "check" -> true;
            case "drag" -> step.has(GuiEvidence.DROP_POINT) && index < step.list(GuiEvidence.REFERENCE_DROP_BOXES).size()
                    && step.list(GuiEvidence.REFERENCE_DROP_BOXES).get(index) instanceof List<?> drop
                    && inside(step.numbers(GuiEvidence.DROP_POINT), drop);
            case "type" -> setF1(action.optString("text").orElse(""), expected.optString("value").orElse("")) >= TYPE_F1;
            case "select" -> action.optString("option").orElse("").strip().equalsIgnoreCase(expected.optString("value").orElse("").strip());
            default -> false;
        };
    }

    /** Strictly inside, as BTL-UI's tap rule: a point on the edge is outside. */
    private static boolean inside(List<Double> point, List<?> box) {
        double x = point.get(0), y = point.get(1);
        return number(box, 0) < x && x < number(box, 2) && number(box, 1) < y && y < number(box, 3);
    }

    private static double number(List<?> box, int i) {
        return ((Number) box.get(i)).doubleValue();
    }

    /**
     * BTL-UI's F1 over the sets of lower-cased, whitespace-split tokens (no punctuation stripping, unlike
     * the answer scores of {@code rewards.text.TokenF1}: a typed e-mail address stays one token).
     */
    static double setF1(String predicted, String gold) {
        Set<String> p = tokens(predicted);
        Set<String> g = tokens(gold);
        if (p.isEmpty() || g.isEmpty()) {
            return 0.0;
        }
        Set<String> common = new HashSet<>(p);
        common.retainAll(g);
        if (common.isEmpty()) {
            return 0.0;
        }
        double precision = common.size() / (double) p.size();
        double recall = common.size() / (double) g.size();
        return 2 * precision * recall / (precision + recall);
    }

    private static Set<String> tokens(String text) {
        Set<String> out = new HashSet<>();
        for (String t : text.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
