package dev.stepgym.rewards.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnswerTextTest {

    @Test
    void normalizeLowercasesDeletesPunctuationAndArticlesAndCollapsesWhitespace() {
        // "The  Eiffel-Tower!" -> lower "the  eiffel-tower!" -> no punct "the  eiffeltower"
        // -> articles " " + "  eiffeltower" -> collapse "eiffeltower"
        assertEquals("eiffeltower", AnswerText.normalize("The  Eiffel-Tower!"));
    }

    @Test
    void articlesAreRemovedOnlyAsWholeWords() {
        assertEquals("anthem of theater", AnswerText.normalize("Anthem of a theater"));
        assertEquals("and b", AnswerText.normalize("A and an B"));
        // '½' is a word character in Python, so "a½" is one word and keeps its "a".
        assertEquals("a\u00bd thex", AnswerText.normalize("a\u00bd the_x"));
    }

    @Test
    void normalizeDeletesUnderscoreAndSplitsOnPythonWhitespace() {
        assertEquals("snakecase", AnswerText.normalize("snake_case"));
        assertEquals("paris france", AnswerText.normalize("\u00a0Paris\u0085France\u001f"));
    }

    @Test
    void igpoNormalizeTurnsPunctuationIntoSpacesAndKeepsArticles() {
        assertEquals("u s a", AnswerText.igpoNormalize("U.S.A."));
        assertEquals("usa", AnswerText.normalize("U.S.A."));
        assertEquals("the eiffel tower", AnswerText.igpoNormalize("The  Eiffel-Tower!"));
    }

    @Test
    void nullIsRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnswerText.normalize(null));
        assertEquals("answer text must not be null", e.getMessage());
    }
}
