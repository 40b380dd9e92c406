package dev.stepgym.envs.code.task;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Patches apply as {@code git apply} applies them: each case is also run through the real git on a
 * temporary repository, and both must agree on whether the patch applies and on the result.
 */
class GitApplyRulesTest {
    private static final String FILE = String.join("", java.util.stream.IntStream.rangeClosed(1, 20)
            .mapToObj(i -> "line " + i + "\n").toList());

    private static String patch(String... lines) {
        return "diff --git a/f.txt b/f.txt\n--- a/f.txt\n+++ b/f.txt\n" + String.join("\n", lines) + "\n";
    }

    /** What git apply makes of the patch, or null when it refuses it. */
    private static String gitApply(Path dir, String original, String patch) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("f.txt"), original);
        Files.writeString(dir.resolve("p.diff"), patch);
        Process p = new ProcessBuilder("git", "apply", "p.diff").directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "git apply hung");
        return p.exitValue() == 0 ? Files.readString(dir.resolve("f.txt"), StandardCharsets.UTF_8) : null;
    }

    private static String ours(String original, String patch) {
        try {
            return UnifiedDiff.apply(original, UnifiedDiff.parse(patch).get(0));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean gitAvailable() {
        try {
            return new ProcessBuilder("git", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void sameAsGit(Path temp, String name, String patch, boolean applies) throws Exception {
        String git = gitApply(temp.resolve(name), FILE, patch);
        String mine = ours(FILE, patch);
        assertEquals(git, mine, name + ": ours and git apply differ");
        assertEquals(applies, mine != null, name);
    }

    @Test
    void offsetsFuzzOverlapAndOrderAsGitApplyHasThem(@TempDir Path temp) throws Exception {
        assumeTrue(gitAvailable(), "git is not installed");
        // Stated one line too late (the reported off-by-one header), and three lines too early.
        sameAsGit(temp, "offset-minus-1", patch("@@ -6,7 +6,7 @@", " line 5", " line 6", " line 7", "-line 8", "+LINE 8",
                " line 9", " line 10", " line 11"), true);
        sameAsGit(temp, "offset-plus-3", patch("@@ -2,7 +2,7 @@", " line 5", " line 6", " line 7", "-line 8", "+LINE 8",
                " line 9", " line 10", " line 11"), true);
        // Context changed (fuzz would take it; git does not).
        sameAsGit(temp, "fuzz", patch("@@ -5,7 +5,7 @@", " line 5", " line 6", " line seven", "-line 8", "+LINE 8",
                " line 9", " line 10", " line 11"), false);
        // Whitespace must match exactly too.
        sameAsGit(temp, "whitespace", patch("@@ -5,7 +5,7 @@", " line 5", " line  6", " line 7", "-line 8", "+LINE 8",
                " line 9", " line 10", " line 11"), false);
        // Hunks out of order apply; a hunk over lines an earlier one wrote does not.
        sameAsGit(temp, "out-of-order", patch("@@ -14,3 +14,3 @@", " line 14", "-line 15", "+LINE 15", " line 16",
                "@@ -3,3 +3,3 @@", " line 3", "-line 4", "+LINE 4", " line 5"), true);
        sameAsGit(temp, "overlap", patch("@@ -3,3 +3,3 @@", " line 3", "-line 4", "+LINE 4", " line 5",
                "@@ -4,3 +4,3 @@", " line 4", "-line 5", "+LINE 5", " line 6"), false);
        // No trailing context: pinned to the end of the file, wherever the header says.
        sameAsGit(temp, "no-trailing-context-at-end", patch("@@ -17,4 +17,4 @@", " line 17", " line 18", " line 19", "-line 20",
                "+LINE 20"), true);
        sameAsGit(temp, "no-trailing-context-mid-file", patch("@@ -5,4 +5,4 @@", " line 5", " line 6", " line 7", "-line 8",
                "+LINE 8"), false);
        // Starting at line 1: pinned to the top.
        sameAsGit(temp, "top", patch("@@ -1,4 +1,4 @@", "-line 1", "+LINE 1", " line 2", " line 3", " line 4"), true);
        // Of two equal places, the nearest to the stated line wins, forwards first on a tie.
        String twice = "a\nx\nb\nc\nd\ne\nf\na\nx\nb\ng\n";
        String tie = "diff --git a/f.txt b/f.txt\n--- a/f.txt\n+++ b/f.txt\n@@ -4,3 +4,3 @@\n a\n-x\n+X\n b\n";
        assertEquals(gitApply(temp.resolve("tie"), twice, tie), ours(twice, tie));
    }

    @Test
    void aRefusedHunkNamesTheFileTheHunkAndTheMismatch() {
        FilePatch p = UnifiedDiff.parse(patch("@@ -5,7 +5,7 @@", " line 5", " line 6", " line seven", "-line 8", "+LINE 8",
                " line 9", " line 10", " line 11")).get(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnifiedDiff.apply(FILE, p));
        assertEquals("f.txt, hunk #1 (@@ -5,7 +5,7 @@): line 7 should be 'line seven\\n' but is 'line 7\\n'; "
                + "no other line matches either (offsets are tried, fuzz is not)", e.getMessage());
    }

    @Test
    void theReportedOffByOneReferencePatchLoadsAndAppliesAsGitDoes(@TempDir Path temp) throws Exception {
        Path task = Path.of(getClass().getResource("/code-pytest/clamp-offset").toURI());
        CodeTask loaded = CodeTaskLoader.load(task);
        String original = Files.readString(task.resolve("repo/limits/bounds.py"));
        String fixed = UnifiedDiff.applyAll(loaded.repo(), loaded.referencePatch()).get("limits/bounds.py");
        assertTrue(fixed.contains("    if value > high:\n        return high\n"), fixed);
        assumeTrue(gitAvailable(), "git is not installed");
        Path dir = temp.resolve("git");
        Files.createDirectories(dir.resolve("limits"));
        Files.writeString(dir.resolve("limits/bounds.py"), original);
        Files.writeString(dir.resolve("p.diff"), loaded.referencePatch());
        Process p = new ProcessBuilder(List.of("git", "apply", "p.diff")).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals(Files.readString(dir.resolve("limits/bounds.py")), fixed);
    }
}
