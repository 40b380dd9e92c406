package dev.stepgym.rewards.embed;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DjlOfflineTest {

    @Test
    void ensureSetsTheTwoPropertiesDjlReadsAndCanBeCalledAgain() {
        System.clearProperty("OPT_OUT_TRACKING");
        System.setProperty("ai.djl.offline", "false");

        DjlOffline.ensure();
        DjlOffline.ensure();

        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
    }

    @Test
    void anEnvironmentThatTurnsDjlOnlineIsRefusedWithTheVariableNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DjlOffline.check(Map.of("DJL_OFFLINE", "false"), "DJL_OFFLINE"));
        assertTrue(e.getMessage().contains("DJL_OFFLINE=false"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> DjlOffline.check(Map.of("OPT_OUT_TRACKING", "no"), "OPT_OUT_TRACKING"));
    }

    @Test
    void anAbsentOrTrueVariableIsFine() {
        assertDoesNotThrow(() -> DjlOffline.check(Map.of(), "DJL_OFFLINE"));
        assertDoesNotThrow(() -> DjlOffline.check(Map.of("DJL_OFFLINE", "TRUE"), "DJL_OFFLINE"));
    }
}
