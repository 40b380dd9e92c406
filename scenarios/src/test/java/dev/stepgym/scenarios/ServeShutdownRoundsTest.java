package dev.stepgym.scenarios;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Issue 8, item 2, as reported: the busy SIGTERM round ({@link BusyShutdownRound}) twenty times in a
 * row, each with a fresh {@code stepgym serve} JVM; one lost line in any round fails. Heavy: twenty
 * JVM starts take a minute or more.
 */
@Tag("heavy")
class ServeShutdownRoundsTest {
    private static final int ROUNDS = 20;

    @Test
    void twentyBusyRoundsLoseNothing(@TempDir Path root) throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            Path records = Files.createDirectory(root.resolve("round-" + round));
            try {
                BusyShutdownRound.run(records);
            } catch (AssertionError e) {
                throw new AssertionError("round " + round + " of " + ROUNDS + ": " + e.getMessage(), e);
            }
        }
    }
}
