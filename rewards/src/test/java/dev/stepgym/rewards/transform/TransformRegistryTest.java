package dev.stepgym.rewards.transform;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.stepgym.rewards.transform.TransformTesting.assertValues;
import static dev.stepgym.rewards.transform.TransformTesting.traj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransformRegistryTest {

    @Test
    void everyTransformIsFoundByName() {
        assertTrue(Transforms.names().containsAll(
                List.of("returns_to_go", "pure_min_form", "grpo", "rloo", "gigpo", "igpo", "token_placement")), Transforms.names().toString());
        assertInstanceOf(Gigpo.class, Transforms.byName("gigpo"));
    }

    @Test
    void scopesSayWhoReadsAGroup() {
        for (String name : List.of("returns_to_go", "pure_min_form", "token_placement")) {
            assertEquals(CreditTransform.Scope.TRAJECTORY, Transforms.byName(name).scope(), name);
        }
        for (String name : List.of("grpo", "rloo", "gigpo", "igpo")) {
            assertEquals(CreditTransform.Scope.GROUP, Transforms.byName(name).scope(), name);
        }
    }

    @Test
    void aNewTransformIsOneClassAndOneRegistryLine() {
        // NegatedSteps lives in src/test with its line in src/test/resources/META-INF/services.
        TransformResult r = Transforms.apply("test_negated_steps", TrajectoryGroup.of(traj("a", 0.0, 1, -2), traj("b", 0.0, 3)), Map.of());
        assertEquals("test_negated_steps", r.transform());
        assertValues(r.values(0), -1, 2);
        assertValues(r.values(1), -3);
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Transforms.byName("gae"));
        assertTrue(e.getMessage().startsWith("unknown transform \"gae\"; known: ["), e.getMessage());
        assertTrue(e.getMessage().contains("grpo") && e.getMessage().contains("token_placement"), e.getMessage());
    }

    @Test
    void defaultsAreInForceUnlessOverridden() {
        TransformParams p = TransformParams.of(Transforms.byName("grpo"), Map.of("epsilon", 1e-4));
        assertEquals(Map.of("normalize_std", true, "epsilon", 1e-4), p.values());
        assertEquals("grpo", p.transform());
    }
}
