package dev.stepgym.sandbox.lsp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server that cannot come up fails the start at once, with what it said, instead of hanging. */
class SessionStartFailureTest {
    @Test
    void aServerThatExitsAtOnceFailsTheStartWithItsStderr(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("pyright-langserver");
        Files.writeString(script, "#!/bin/sh\necho 'env: node: No such file or directory' >&2\nexit 127\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path workspace = Files.createDirectories(dir.resolve("ws"));
        PyrightInstallation fake = new PyrightInstallation(dir, script, "0.0.0");

        long t0 = System.nanoTime();
        LanguageServerException e = assertThrows(LanguageServerException.class,
                () -> LanguageServerSession.start(fake, workspace, Duration.ofSeconds(10)));
        long tookMs = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(LanguageServerException.Kind.START_FAILED, e.kind());
        assertTrue(e.getMessage().contains("node: No such file or directory"), e.getMessage());
        assertTrue(tookMs < 5_000, "noticed the exit after " + tookMs + " ms");
    }

    @Test
    void aMissingProgramOrWorkspaceIsReportedClearly(@TempDir Path dir) {
        PyrightInstallation nowhere = new PyrightInstallation(dir, dir.resolve("no-such-langserver"), "0.0.0");
        assertEquals(LanguageServerException.Kind.START_FAILED, assertThrows(LanguageServerException.class,
                () -> LanguageServerSession.start(nowhere, dir, Duration.ofSeconds(10))).kind());
        assertEquals(LanguageServerException.Kind.BAD_INPUT, assertThrows(LanguageServerException.class,
                () -> LanguageServerSession.start(nowhere, dir.resolve("missing"), Duration.ofSeconds(10))).kind());
    }
}
