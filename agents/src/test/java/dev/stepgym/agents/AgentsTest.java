package dev.stepgym.agents;

import dev.stepgym.agents.baseline.OracleShopAgent;
import dev.stepgym.agents.baseline.RandomAgent;
import dev.stepgym.agents.baseline.ReplayAgent;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.Observation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentsTest {

    @Test
    void discoversTheBaselineAgentsThroughServiceLoader() {
        assertTrue(Agents.providers().keySet().containsAll(List.of("random", "oracle-shop", "replay")),
                "found: " + Agents.providers().keySet());
        assertInstanceOf(RandomAgent.class, Agents.create("random", 3));
        assertInstanceOf(OracleShopAgent.class, Agents.create("oracle-shop", 3));
        assertEquals("random", Agents.create("random", 3).name());
    }

    @Test
    void unknownAgentNameIsAClearErrorListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Agents.create("gpt-9", 1));
        assertTrue(e.getMessage().contains("gpt-9"), e.getMessage());
        assertTrue(e.getMessage().contains("random") && e.getMessage().contains("replay"), e.getMessage());
    }

    @Test
    void replayAgentReadsTextAndToolActionsFromItsOptions() {
        Agent agent = Agents.create("replay", new AgentConfig(0, Map.of("actions",
                List.of("search[red shoes]", Map.of("tool", "click", "arguments", Map.of("target", "b01"))))));
        ReplayAgent replay = assertInstanceOf(ReplayAgent.class, agent);
        assertEquals(List.of(Action.text("search[red shoes]"), Action.tool("click", Map.of("target", "b01"))), replay.actions());

        Policy policy = agent.start(new EpisodeStart("e1", null, Observation.of("start", List.of()), Map.of(), 1L));
        assertEquals(Action.text("search[red shoes]"), policy.next(Observation.of("a", List.of())));
        assertEquals(Action.tool("click", Map.of("target", "b01")), policy.next(Observation.of("b", List.of())));
        IllegalStateException exhausted = assertThrows(IllegalStateException.class, () -> policy.next(Observation.of("c", List.of())));
        assertTrue(exhausted.getMessage().contains("2 actions"), exhausted.getMessage());
    }

    @Test
    void replayAgentWithoutActionsOrWithABadOneIsRejected() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Agents.create("replay", 0));
        assertTrue(missing.getMessage().contains("\"actions\""), missing.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Agents.create("replay", new AgentConfig(0, Map.of("actions", List.of("ok", 42)))));
        assertTrue(bad.getMessage().contains("#1"), bad.getMessage());
    }
}
