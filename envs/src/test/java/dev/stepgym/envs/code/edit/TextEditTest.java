package dev.stepgym.envs.code.edit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextEditTest {

    @Test
    void replacesTheRange() throws SelectorException {
        assertEquals("def g():\n    return 1\n", TextEdit.apply("def f():\n    return 1\n", new TextRange(0, 4, 0, 5), "g"));
        assertEquals("a\nX\nc", TextEdit.apply("a\nb\nc", new TextRange(1, 0, 1, 1), "X"));
        // insertion at an empty range, deletion with an empty replacement
        assertEquals("ab", TextEdit.apply("b", TextRange.at(0, 0), "a"));
        assertEquals("a\nc", TextEdit.apply("a\nb\nc", new TextRange(1, 0, 2, 0), ""));
    }

    @Test
    void resolvedLinesAreReplacedInPlace() throws SelectorException {
        String text = "one\ntwo\nthree\nfour\n";
        Resolution lines = SelectorResolver.resolve(Selector.parse("a.py@L2-3"), text, SymbolSource.none());
        assertEquals("one\n2\n3\nfour\n", TextEdit.apply(text, lines.range(), "2\n3"));
        Resolution withBreaks = SelectorResolver.resolve(Selector.parse("a.py@R(2,1->4,1)"), text, SymbolSource.none());
        assertEquals("one\nfour\n", TextEdit.apply(text, withBreaks.range(), ""));
    }

    @Test
    void lineEndingsFollowTheFile() throws SelectorException {
        String crlf = "a = 1\r\nb = 2\r\n";
        assertEquals("a = 1\r\nc = 3\r\nb = 2\r\n", TextEdit.apply(crlf, new TextRange(0, 0, 0, 5), "a = 1\nc = 3"));
        assertEquals("a = 1\r\nc = 3\r\nb = 2\r\n", TextEdit.apply(crlf, new TextRange(0, 0, 0, 5), "a = 1\r\nc = 3"));
        String lf = "a = 1\nb = 2\n";
        assertEquals("x\ny\nb = 2\n", TextEdit.apply(lf, new TextRange(0, 0, 0, 5), "x\r\ny"));
        // a lone-\r file stays a lone-\r file
        assertEquals("p\rq\rr", TextEdit.apply("p\rr", new TextRange(0, 1, 0, 1), "\nq"));
    }

    @Test
    void unicodeColumnsAreUtf16() throws SelectorException {
        String text = "s = \"\uD83D\uDE00\" + name";
        assertEquals("s = \"\uD83D\uDE00\" + other", TextEdit.apply(text, new TextRange(0, 11, 0, 15), "other"));
        assertEquals("s = \"ok\" + name", TextEdit.apply(text, new TextRange(0, 5, 0, 7), "ok"));
        assertEquals(SelectorException.Kind.OUT_OF_RANGE, assertThrows(SelectorException.class,
                () -> TextEdit.apply(text, new TextRange(0, 6, 0, 7), "")).kind());
    }

    @Test
    void sizeCapBinaryContentAndBadRangesAreRefused() {
        SelectorException big = assertThrows(SelectorException.class,
                () -> TextEdit.apply("abc", new TextRange(0, 0, 0, 0), "x".repeat(8), 10));
        assertEquals(SelectorException.Kind.TOO_LARGE, big.kind());
        assertTrue(big.getMessage().contains("11 characters, more than the limit of 10"), big.getMessage());
        // exactly at the cap is fine; \n -> \r\n growth counts
        assertTrue(assertDoesNotThrow(() -> TextEdit.apply("abc", TextRange.at(0, 3), "1234567", 10)).length() == 10);
        assertEquals(SelectorException.Kind.TOO_LARGE, assertThrows(SelectorException.class,
                () -> TextEdit.apply("a\r\n", TextRange.at(1, 0), "\n\n\n\n", 10)).kind());
        // a hopeless replacement is refused before any copy
        assertEquals(SelectorException.Kind.TOO_LARGE, assertThrows(SelectorException.class,
                () -> TextEdit.apply("", TextRange.at(0, 0), "y".repeat(1000), 100)).kind());
        SelectorException nul = assertThrows(SelectorException.class,
                () -> TextEdit.apply("abc", TextRange.at(0, 0), "\u007fELF\u0000\u0001"));
        assertEquals(SelectorException.Kind.BINARY_CONTENT, nul.kind());
        assertEquals(SelectorException.Kind.OUT_OF_RANGE, assertThrows(SelectorException.class,
                () -> TextEdit.apply("abc", new TextRange(0, 0, 3, 0), "")).kind());
        assertThrows(IllegalArgumentException.class, () -> new TextRange(2, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> TextEdit.apply("", TextRange.at(0, 0), "", -1));
    }

    private static String assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<String> edit) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(edit);
    }
}
