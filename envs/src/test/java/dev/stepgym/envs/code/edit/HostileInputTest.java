package dev.stepgym.envs.code.edit;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Worst cases an agent can aim at the selector language: they end quickly with a clear error. */
class HostileInputTest {
    private static final String MEGABYTE_OF_A = "a".repeat(1 << 20);
    // A quadratic search took 7 s on the near miss below; the linear one takes well under 1 s.

    @Test
    void nearMissAnchorOnARepetitiveFileEndsQuickly() {
        String anchor = "a".repeat(1999) + "b";
        SelectorException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(SelectorException.class,
                () -> SelectorResolver.resolve(new AnchorSelector("big.py", anchor), MEGABYTE_OF_A, SymbolSource.none())));
        assertEquals(SelectorException.Kind.NOT_FOUND, e.kind());
    }

    @Test
    void millionsOfMatchesStopAtTheCollectionCap() {
        SelectorException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(SelectorException.class,
                () -> SelectorResolver.resolve(new AnchorSelector("big.py", "a"), MEGABYTE_OF_A, SymbolSource.none())));
        assertEquals(SelectorException.Kind.AMBIGUOUS, e.kind());
        assertEquals(SelectorResolver.MAX_MATCHES, e.candidates().size());
        assertTrue(e.getMessage().contains("at least 1000 match"), e.getMessage().substring(0, 120));
        assertTrue(e.getMessage().length() < 2000, "the message lists 5, not 1000");
    }

    @Test
    void hugeSymbolListsAndNamesStayBounded() throws SelectorException {
        java.util.List<SymbolRange> many = new java.util.ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            many.add(new SymbolRange("C" + i + ".run", 0, 0, 0, 1));
        }
        SelectorException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(SelectorException.class,
                () -> SelectorResolver.resolve(new SymbolSelector("a.py", "x".repeat(4000)), "x", path -> many)));
        assertEquals(SelectorException.Kind.NOT_FOUND, e.kind());
        assertEquals(SelectorException.Kind.AMBIGUOUS, assertThrows(SelectorException.class,
                () -> SelectorResolver.resolve(new SymbolSelector("a.py", "run"), "x", path -> many)).kind());
        assertEquals(new TextRange(0, 0, 0, 1),
                SelectorResolver.resolve(new SymbolSelector("a.py", "C49999.run"), "x", path -> many).range());
    }
}
