package dev.stepgym.rewards.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.rewards.pipeline.EpisodeRewards;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardPipeline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewardServiceTest {
    private static Object json(String text) throws Exception {
        return Json.mapper().readValue(text, Object.class);
    }

    @Test
    void scoreAnswersEachStepsComponentsAndReward() throws Exception {
        Map<String, Object> answer = RewardScoring.score(json("""
                {"pipeline": {"signals": [{"name": "test_hits_so_far", "weight": 2},
                                          {"name": "invalid_action", "params": {"source": "trainer"}}]},
                 "context": {"goal": "g"},
                 "steps": [{"hit": true}, {"invalid_action": true}]}"""));
        List<?> steps = (List<?>) answer.get("steps");
        Map<?, ?> second = (Map<?, ?>) steps.get(1);
        assertEquals(List.of(new RewardComponent("test_hits_so_far", 1.0, 2.0, "test", RewardKind.STEP),
                new RewardComponent("invalid_action", -1.0, 0.1, "trainer", RewardKind.PENALTY)), second.get("rewards"));
        assertEquals(2.0 - 0.1, (Double) second.get("reward"), 1e-12);
    }

    @Test
    void scoreErrorsNameTheField() throws Exception {
        String[][] cases = {
                {"[]", "the body must be an object"},
                {"{\"pipeline\": {\"signals\": [{\"name\": \"nope\"}]}, \"steps\": []}", "pipeline.signals[0]: unknown reward signal \"nope\""},
                {"{\"pipeline\": {\"signals\": [{\"name\": \"invalid_action\"}]}, \"steps\": {}}", "steps must be a list"},
                {"{\"pipeline\": {\"signals\": [{\"name\": \"invalid_action\"}]}, \"steps\": [1]}", "steps[0] must be an evidence object"},
                {"{\"pipeline\": {\"signals\": [{\"name\": \"test_hits_so_far\"}]}, \"steps\": [{}]}",
                        "steps[0]: signal test_hits_so_far: needs context field \"goal\", which is missing"},
                {"{\"pipeline\": {\"signals\": [{\"name\": \"invalid_action\"}]}, \"steps\": [], \"extra\": 1}", "unknown field \"extra\""},
                {"{\"pipeline\": {\"signals\": [{\"name\": \"belief_gain\", \"params\": {\"scorer\": {\"type\": \"openai\", \"base_url\": \"http://10.0.0.1/\"}}}]}, \"steps\": []}",
                        "pipeline.signals[0].params.scorer: signal belief_gain takes it only from the server's pipeline"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RewardScoring.score(json(c[0])), c[0]);
            assertTrue(e.getMessage().startsWith(c[1]), c[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void aClientMayScoreWithTheTrainersBeliefsButNotPointAScorerAnywhere() throws Exception {
        // p_1 = 0.5 from the trainer after p_0 = 0.2 in the context: a belief gain of 0.3.
        Map<String, Object> answer = RewardScoring.score(json("""
                {"pipeline": {"signals": [{"name": "belief_gain", "params": {"scorer": {"type": "trainer"}}}]},
                 "context": {"belief": 0.2, "question": "q", "gold_answers": ["a"], "gold_docs": ["a doc"]},
                 "steps": [{"belief": 0.5, "retrieved_docs": ["a doc"], "invalid_action": false}]}"""));
        Map<?, ?> step = (Map<?, ?>) ((List<?>) answer.get("steps")).get(0);
        assertEquals(0.3, ((RewardComponent) ((List<?>) step.get("rewards")).get(0)).value(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> RewardScoring.score(json("""
                {"pipeline": {"signals": [{"name": "belief_gain", "params": {"scorer": {"type": "trainer", "base_url": "http://x/"}}}]},
                 "steps": []}""")));
    }

    @Test
    void transformAppliesAChainOverAGroup() throws Exception {
        // returns_to_go (γ = 1) then rloo is group-scoped over outcomes; here: returns_to_go alone.
        // a: r = [0, 0.5] with outcome 1 on the last step → R = [1.5, 1.5]; b: r = [0.2] + outcome 0 → [0.2]
        Map<String, Object> rtg = RewardTransforming.transform(json("""
                {"transform": {"name": "returns_to_go"},
                 "group": [{"id": "a", "rewards": [0.0, 0.5], "outcome": 1.0}, {"id": "b", "rewards": [0.2]}]}"""));
        assertEquals(List.of(Map.of("id", "a", "values", List.of(1.5, 1.5)), Map.of("id", "b", "values", List.of(0.2))),
                rtg.get("results"));
        // grpo without std: outcomes 1 and 0, mean 0.5 → +0.5 on each of a's steps, −0.5 on b's
        Map<String, Object> grpo = RewardTransforming.transform(json("""
                {"transforms": [{"name": "grpo", "params": {"normalize_std": false}}],
                 "group": [{"id": "a", "rewards": [0.0, 0.5], "outcome": 1.0}, {"id": "b", "rewards": [0.2], "outcome": 0.0}]}"""));
        assertEquals(List.of(Map.of("id", "a", "values", List.of(0.5, 0.5)), Map.of("id", "b", "values", List.of(-0.5))),
                grpo.get("results"));
    }

    @Test
    void transformErrorsNameTheField() throws Exception {
        String[][] cases = {
                {"{\"transform\": {\"name\": \"nope\"}, \"group\": [{\"id\": \"a\", \"rewards\": []}]}", "request.transforms[0]: unknown transform \"nope\""},
                {"{\"transform\": {\"name\": \"grpo\", \"params\": {\"epsilon\": \"x\"}}, \"group\": [{\"id\": \"a\", \"rewards\": [1]}]}", "transform grpo: parameter \"epsilon\""},
                {"{\"transform\": {\"name\": \"grpo\"}, \"group\": []}", "group must be a non-empty list"},
                {"{\"transform\": {\"name\": \"grpo\"}, \"group\": [{\"id\": \"a\", \"rewards\": [\"x\"]}]}", "group[0].rewards[0] must be a number"},
                {"{\"group\": [{\"id\": \"a\", \"rewards\": []}]}", "give \"transforms\""},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RewardTransforming.transform(json(c[0])), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void aPipelinesTrajectoryTransformsGiveTheEpisodesReturnsOnline() {
        PipelineConfig config = PipelineConfig.parseJson("""
                {"signals": [{"name": "test_hits_so_far", "weight": 1.0}, {"name": "invalid_action", "weight": 1.0}],
                 "transforms": [{"name": "returns_to_go", "params": {"gamma": 0.5}}, {"name": "grpo"}]}""", "p");
        EpisodeRewards episode = RewardPipeline.of(config).episode(Map.of("goal", "g"));
        episode.score(Map.of("hit", true)).join();        // 0
        episode.score(Map.of("hit", true)).join();        // 1
        episode.score(Map.of("invalid_action", true)).join(); // 2 − 1 = 1
        // returns to go with γ = 0.5 over [0, 1, 1]: [0 + 0.5·1.5, 1 + 0.5·1, 1] = [0.75, 1.5, 1]; grpo is a group
        // transform and does not run online.
        assertEquals(List.of(0.75, 1.5, 1.0), episode.returns());
        assertEquals(null, RewardPipeline.of(PipelineConfig.parseJson("{\"signals\":[{\"name\":\"invalid_action\"}],"
                + "\"transforms\":[{\"name\":\"rloo\"}]}", "q")).episode(Map.of()).returns(), "a group transform first: none online");
    }
}
