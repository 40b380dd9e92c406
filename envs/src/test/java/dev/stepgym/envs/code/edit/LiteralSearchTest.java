package dev.stepgym.envs.code.edit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LiteralSearchTest {

    private static List<Integer> all(String text, String needle) {
        List<Integer> found = new ArrayList<>();
        LiteralSearch.forEach(text, needle, found::add);
        return found;
    }

    @Test
    void findsEveryOccurrenceIncludingOverlaps() {
        assertEquals(List.of(0, 1, 2), all("aaaa", "aa"));
        assertEquals(List.of(2, 9), all("xxabcabyyabcab", "abcab"));
        assertEquals(List.of(0, 3), all("abaaba", "aba"));
        assertEquals(List.of(), all("abc", "abd"));
        assertEquals(List.of(), all("", "a"));
        assertEquals(List.of(0), all("\uD83D\uDE00", "\uD83D\uDE00"));
    }

    @Test
    void stopsWhenAsked() {
        List<Integer> first = new ArrayList<>();
        LiteralSearch.forEach("a".repeat(100), "a", at -> first.add(at) && first.size() < 3);
        assertEquals(List.of(0, 1, 2), first);
        assertThrows(IllegalArgumentException.class, () -> LiteralSearch.forEach("a", "", at -> true));
    }
}
