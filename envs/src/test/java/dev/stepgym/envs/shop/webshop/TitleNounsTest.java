package dev.stepgym.envs.shop.webshop;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TitleNounsTest {
    @Test
    void keepsContentWordsAndRepeatsDropsFunctionWordsAdjectivesAndNumbers() {
        assertEquals(List.of("women", "running", "shoes", "mesh", "shoes"),
                TitleNouns.of("Women's Lightweight Running Shoes - Mesh Shoes"));
        assertEquals(List.of("hdmi", "cable", "pack", "tv"), TitleNouns.of("HDMI Cable 6ft (2 Pack) for the TV"));
        assertEquals(List.of(), TitleNouns.of("New Black 100%"));
    }
}
