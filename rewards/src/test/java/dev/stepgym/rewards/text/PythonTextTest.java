package dev.stepgym.rewards.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PythonTextTest {

    @Test
    void splitUsesPythonWhitespaceIncludingNbspNextLineAndUnitSeparator() {
        // Python: "\xa0a\x85b\x1fc  d ".split() == ['a', 'b', 'c', 'd']; Java's \s would keep \xa0 and \x85.
        assertEquals(List.of("a", "b", "c", "d"), PythonText.split("\u00a0a\u0085b\u001fc  d "));
        assertEquals(List.of(), PythonText.split(" \t\n"));
    }

    @Test
    void stripRemovesNonBreakingSpaceThatJavaStripKeeps() {
        assertEquals("x y", PythonText.strip("\u00a0\u2007 x y\u202f\u0085"));
        assertEquals("\u00a0x", "\u00a0x".strip());   // the JDK difference this class exists for
    }

    @Test
    void wordCharactersFollowPythonReNotJava() {
        assertTrue(PythonText.isWordChar('_'));
        assertTrue(PythonText.isWordChar('\u00bd'));    // '½' (No): '½'.isnumeric() is True in Python
        assertTrue(PythonText.isWordChar('\u00e9'));    // 'é' precomposed (Ll)
        assertFalse(PythonText.isWordChar('\u0301'));   // combining acute (Mn): not alnum in Python
        assertFalse(PythonText.isWordChar('-'));
    }

    @Test
    void punctuationIsExactlyTheAsciiSet() {
        assertEquals(32, PythonText.PUNCTUATION.length());
        assertTrue(PythonText.isPunctuation('_'));
        assertFalse(PythonText.isPunctuation('\u2019'));   // right single quote is not in string.punctuation
    }
}
