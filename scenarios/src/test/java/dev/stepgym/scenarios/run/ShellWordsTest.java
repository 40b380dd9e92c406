package dev.stepgym.scenarios.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --agent-cmd} is split like a shell would split it, and nothing is expanded or run by a shell. */
class ShellWordsTest {

    @Test
    void splitsQuotesAndEscapesLikeAShell() {
        assertEquals(List.of("python3", "my_agent.py"), ShellWords.split("  python3   my_agent.py "));
        assertEquals(List.of("python3", "my agent.py", "--k", "a b", "it's"),
                ShellWords.split("python3 'my agent.py' --k \"a b\" it\\'s"));
        assertEquals(List.of("say", "a\"b\\c$d", "x y"), ShellWords.split("say \"a\\\"b\\\\c\\$d\" x\\ y"));
        assertEquals(List.of("ab", ""), ShellWords.split("a'b' ''"));
        assertEquals(List.of("echo", "$HOME;", "rm", "-rf", "*", "|", "x"), ShellWords.split("echo $HOME; rm -rf * | x"),
                "metacharacters stay literal words: no shell runs them");
    }

    @Test
    void badLinesAreClearErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShellWords.split("python3 'x")).getMessage()
                .contains("unterminated single quote"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShellWords.split("python3 \"x")).getMessage()
                .contains("unterminated double quote"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("x \\"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShellWords.split("   ")).getMessage().contains("empty"));
    }
}
