package dev.stepgym.rewards.igpo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IgpoGoldTest {

    @Test
    void alternativesSplitOnTheMarkerAndKeepEmptyParts() {
        assertEquals(List.of("NYC", "New York"), IgpoGold.alternatives("NYC<|answer_split|>New York"));
        // Python: "a<|answer_split|>".split("<|answer_split|>") == ['a', '']
        assertEquals(List.of("a", ""), IgpoGold.alternatives("a<|answer_split|>"));
        assertEquals(List.of("Paris"), IgpoGold.alternatives("Paris"));
        assertEquals("NYC", IgpoGold.first("NYC<|answer_split|>New York"));
    }

    @Test
    void factCheckCollapsesToFalseIfAnyLabelIsFalse() {
        assertEquals("false", IgpoGold.factCheckVerdict("[{\"label\":\"True\"},{\"label\":\"FALSE\"}]"));
        assertEquals("true", IgpoGold.factCheckVerdict("[{\"label\":\"true\"},{\"label\":\"mostly-true\"}]"));
        assertEquals("false", IgpoGold.factCheckVerdict("[\"true\", \"False\"]"));
        assertEquals("true", IgpoGold.factCheckVerdict("[]"));
    }

    @Test
    void malformedFactCheckLabelsAreRejected() {
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class, () -> IgpoGold.factCheckVerdict("[{"));
        assertTrue(notJson.getMessage().startsWith("fact-check labels are not valid JSON"));
        assertThrows(IllegalArgumentException.class, () -> IgpoGold.factCheckVerdict("{\"label\":\"false\"}"));
        assertThrows(IllegalArgumentException.class, () -> IgpoGold.factCheckVerdict("[{\"verdict\":\"false\"}]"));
    }
}
