package dev.stepgym.envs.searchqa.world;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generates the full default world twice (a few seconds). */
@Tag("heavy")
class DefaultWorldTest {
    @Test
    void defaultWorldIsBigEnoughAndStable() {
        Corpus corpus = WorldGenerator.generate(0L, WorldSize.DEFAULT);
        assertTrue(corpus.documents().size() >= 5000, corpus.toString());
        assertEquals(2500, corpus.questions().size());
        assertEquals(2000, corpus.questions("train").size());
        assertEquals(250, corpus.questions("dev").size());
        assertEquals(250, corpus.questions("test").size());
        Set<Integer> hopCounts = corpus.questions().stream().map(Question::hopCount).collect(Collectors.toSet());
        assertEquals(Set.of(2, 3, 4), hopCounts);
        assertEquals(corpus.digest(), WorldGenerator.generate(0L, WorldSize.DEFAULT).digest());
    }
}
