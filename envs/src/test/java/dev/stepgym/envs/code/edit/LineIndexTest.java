package dev.stepgym.envs.code.edit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LineIndexTest {

    @Test
    void everyLineBreakKindEndsALine() throws SelectorException {
        LineIndex lines = LineIndex.of("a\r\nbc\rd\n");
        assertEquals(4, lines.lineCount());
        assertEquals("a", lines.line(0));
        assertEquals("bc", lines.line(1));
        assertEquals("d", lines.line(2));
        assertEquals("", lines.line(3));
        assertEquals(5, lines.offset(1, 2));
        assertEquals(6, lines.offset(2, 0));
        assertEquals(TextRange.at(1, 2), lines.position(5));
        assertEquals(TextRange.at(0, 1), lines.position(2));   // between \r and \n: the end of line 1
    }

    @Test
    void dominantSeparator() {
        assertEquals("\r\n", LineIndex.of("a\r\nb\r\nc\n").lineSeparator());
        assertEquals("\n", LineIndex.of("a\r\nb\nc\n").lineSeparator());    // a tie goes to \n
        assertEquals("\r", LineIndex.of("a\rb\r").lineSeparator());
        assertEquals("\n", LineIndex.of("no breaks").lineSeparator());
    }

    @Test
    void manyLines() throws SelectorException {
        LineIndex lines = LineIndex.of("x\n".repeat(1000));
        assertEquals(1001, lines.lineCount());
        assertEquals(1998, lines.offset(999, 0));
        assertEquals(TextRange.at(999, 1), lines.position(1999));
        assertThrows(SelectorException.class, () -> lines.offset(1001, 0));
        assertThrows(SelectorException.class, () -> lines.offset(-1, 0));
        assertThrows(SelectorException.class, () -> lines.offset(0, -1));
    }
}
