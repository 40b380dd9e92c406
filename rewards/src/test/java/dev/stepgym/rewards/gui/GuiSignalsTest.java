package dev.stepgym.rewards.gui;

import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.rewards.pipeline.EpisodeRewards;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardPipeline;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** gui-v1's signals over hand-made evidence. */
class GuiSignalsTest {

    private static EpisodeRewards episode(Map<String, Object> context) {
        List<Object> signals = List.of(Map.of("name", "subgoal_progress"), Map.of("name", "task_success"));
        return RewardPipeline.of(PipelineConfig.parse(Map.of("signals", signals), "test")).episode(context);
    }

    private static Map<String, Double> values(List<RewardComponent> components) {
        Map<String, Double> out = new LinkedHashMap<>();
        components.forEach(c -> out.put(c.name(), c.value()));
        return out;
    }

    private static Map<String, Object> step(int done, int total, boolean success, boolean failed) {
        return Map.of("invalid_action", false, "subgoals_done", done, "subgoals_total", total, "success", success, "failed", failed);
    }

    @Test
    void progressIsTheChangeInTheSatisfiedShareAndSuccessComesOnTheLastStep() {
        EpisodeRewards rewards = episode(Map.of("subgoals_done_at_reset", 1));
        assertEquals(Map.of("subgoal_progress", 0.0), values(rewards.score(step(1, 4, false, false)).join()));
        assertEquals(Map.of("subgoal_progress", 0.5), values(rewards.score(step(3, 4, false, false)).join()));
        assertEquals(Map.of("subgoal_progress", -0.25), values(rewards.score(step(2, 4, false, false)).join()));
        Map<String, Double> last = values(rewards.score(step(4, 4, true, false)).join());
        assertEquals(0.5, last.get("subgoal_progress"), 1e-12);
        assertEquals(1.0, last.get("task_success"));
    }

    @Test
    void aFailedTaskScoresZeroAndNoContextMeansNothingWasDoneAtReset() {
        EpisodeRewards rewards = episode(Map.of());
        Map<String, Double> v = values(rewards.score(step(1, 2, false, true)).join());
        assertEquals(0.5, v.get("subgoal_progress"), 1e-12);
        assertEquals(0.0, v.get("task_success"));
    }

    private static EpisodeRewards matching(Map<String, Object> context) {
        return RewardPipeline.of(PipelineConfig.parse(Map.of("signals", List.of(Map.of("name", "reference_match"))), "test"))
                .episode(context);
    }

    private static final List<Map<String, Object>> REFERENCE = List.of(
            Map.of("action", "click", "role", "button", "name", "Actions"),
            Map.of("action", "type", "role", "textbox", "name", "Name", "value", "Alice Smith"),
            Map.of("action", "select", "role", "combobox", "name", "Colour", "value", "Red"));

    /** A step's evidence: the action, where it landed, and the reference targets' boxes before it. */
    private static Map<String, Object> acted(Map<String, Object> action, List<Double> point, List<?> boxes) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("invalid_action", false);
        e.put("action", action);
        e.put("action_point", point);
        e.put("reference_boxes", boxes);
        return e;
    }

    private static double match(EpisodeRewards rewards, Map<String, Object> evidence) {
        return values(rewards.score(evidence).join()).get("reference_match");
    }

    @Test
    void aStepMatchesWhenItHasTheDueStepsTypeAndLandsStrictlyInsideItsTarget() {
        EpisodeRewards rewards = matching(Map.of("reference", REFERENCE));
        List<Double> button = List.of(10.0, 20.0, 110.0, 50.0);
        // On the box's edge is outside (BTL-UI's strict inequality); the due step stays the first.
        assertEquals(0.0, match(rewards, acted(Map.of("type", "click", "ref", "e3"), List.of(10.0, 35.0), java.util.Arrays.asList(button, null, null))));
        // The right type of action elsewhere on the page: no match either.
        assertEquals(0.0, match(rewards, acted(Map.of("type", "click", "x", 300, "y", 35), List.of(300.0, 35.0), java.util.Arrays.asList(button, null, null))));
        assertEquals(1.0, match(rewards, acted(Map.of("type", "click", "ref", "e3"), List.of(60.0, 35.0), java.util.Arrays.asList(button, null, null))));
        // Now the type step is due: half the tokens of "alice smith" still pass (F1 2/3 >= 0.5).
        List<Double> field = List.of(10.0, 60.0, 210.0, 90.0);
        assertEquals(0.0, match(rewards, acted(Map.of("type", "click", "ref", "e5"), List.of(60.0, 75.0), java.util.Arrays.asList(null, null, null))),
                "a click is not a type action");
        assertEquals(1.0, match(rewards, acted(Map.of("type", "type", "ref", "e5", "text", "ALICE"), List.of(60.0, 75.0),
                java.util.Arrays.asList(null, field, null))));
        List<Double> list = List.of(10.0, 100.0, 210.0, 130.0);
        assertEquals(0.0, match(rewards, acted(Map.of("type", "select", "ref", "e7", "option", "Blue"), List.of(60.0, 115.0),
                java.util.Arrays.asList(null, null, list))), "the wrong option");
        assertEquals(1.0, match(rewards, acted(Map.of("type", "select", "ref", "e7", "option", "red"), List.of(60.0, 115.0),
                java.util.Arrays.asList(null, null, list))));
        // The reference is done: nothing more can match.
        assertEquals(0.0, match(rewards, acted(Map.of("type", "click", "ref", "e3"), List.of(60.0, 35.0), java.util.Arrays.asList(button, null, null))));
    }

    @Test
    void typedTextBelowHalfTheTokensAnInvalidActionAndAHiddenTargetDoNotMatch() {
        EpisodeRewards rewards = matching(Map.of("reference", List.of(REFERENCE.get(1))));
        List<Double> field = List.of(10.0, 60.0, 210.0, 90.0);
        assertEquals(0.0, match(rewards, acted(Map.of("type", "type", "ref", "e5", "text", "bob jones"), List.of(60.0, 75.0), List.of(field))));
        Map<String, Object> refused = acted(Map.of("type", "type", "ref", "e5", "text", "alice smith"), List.of(60.0, 75.0), List.of(field));
        refused.put("invalid_action", true);
        assertEquals(0.0, match(rewards, refused));
        assertEquals(0.0, match(rewards, acted(Map.of("type", "type", "ref", "e5", "text", "alice smith"), List.of(60.0, 75.0),
                java.util.Arrays.asList((Object) null))), "a target that is not visible has no box");
        assertEquals(1.0, match(rewards, acted(Map.of("type", "type", "ref", "e5", "text", "alice smith"), List.of(60.0, 75.0), List.of(field))));
        EpisodeRewards keys = matching(Map.of("reference", List.of(Map.of("action", "press", "role", "textbox", "name", "Query", "value", "Enter"))));
        assertEquals(0.0, match(keys, acted(Map.of("type", "press", "key", "Tab"), null, List.of())));
        assertEquals(1.0, match(keys, acted(Map.of("type", "press", "key", "Enter"), null, List.of())), "press needs the same key, no point");
        assertEquals(2.0 / 3, ReferenceMatchSignal.setF1("Alice", "alice smith"), 1e-12);
        assertEquals(0.0, ReferenceMatchSignal.setF1("", "alice"));
    }

    @Test
    void aDragMatchesWhenItPicksUpTheSourceAndDropsInsideTheTarget() {
        EpisodeRewards rewards = matching(Map.of("reference", List.of(
                Map.of("action", "drag", "role", "listitem", "name", "Card", "to_role", "region", "to_name", "Done"))));
        List<Double> card = List.of(10.0, 10.0, 110.0, 40.0);
        List<Double> done = List.of(300.0, 0.0, 500.0, 400.0);
        Map<String, Object> wrongColumn = acted(Map.of("type", "drag", "ref", "e4", "to", "e8"), List.of(60.0, 25.0), List.of(card));
        wrongColumn.put("drop_point", List.of(200.0, 200.0));
        wrongColumn.put("reference_drop_boxes", List.of(done));
        assertEquals(0.0, match(rewards, wrongColumn));
        Map<String, Object> right = acted(Map.of("type", "drag", "ref", "e4", "to", "e9"), List.of(60.0, 25.0), List.of(card));
        right.put("drop_point", List.of(400.0, 200.0));
        right.put("reference_drop_boxes", List.of(done));
        assertEquals(1.0, match(rewards, right));
    }

    @Test
    void withoutAReferenceInTheContextThereIsNoComponent() {
        EpisodeRewards rewards = matching(Map.of());
        assertEquals(Map.of(), values(rewards.score(acted(Map.of("type", "click", "ref", "e3"), List.of(1.0, 1.0), List.of())).join()));
    }
}
