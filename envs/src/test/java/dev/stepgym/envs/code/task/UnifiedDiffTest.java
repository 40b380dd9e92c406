package dev.stepgym.envs.code.task;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnifiedDiffTest {

    private static String patch(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private static FilePatch only(String patch) {
        List<FilePatch> patches = UnifiedDiff.parse(patch);
        assertEquals(1, patches.size());
        return patches.get(0);
    }

    @Test
    void addsLines() {
        FilePatch p = only(patch(
                "diff --git a/f.txt b/f.txt",
                "--- a/f.txt",
                "+++ b/f.txt",
                "@@ -1,3 +1,5 @@",
                " a",
                "+x",
                " b",
                "+y",
                " c"));
        assertEquals("f.txt", p.path());
        assertEquals(FilePatch.Change.MODIFY, p.change());
        assertEquals(new Hunk(1, 3, 1, 5, List.of(
                new Hunk.Line(Hunk.Op.CONTEXT, "a\n"), new Hunk.Line(Hunk.Op.INSERT, "x\n"),
                new Hunk.Line(Hunk.Op.CONTEXT, "b\n"), new Hunk.Line(Hunk.Op.INSERT, "y\n"),
                new Hunk.Line(Hunk.Op.CONTEXT, "c\n"))), p.hunks().get(0));
        assertEquals("a\nx\nb\ny\nc\n", UnifiedDiff.apply("a\nb\nc\n", p));
    }

    @Test
    void removesLinesWithoutContext() {
        // Lines 2 and 3 go; with no context the new side is empty and starts "after line 1".
        FilePatch p = only(patch("--- a/n.txt", "+++ b/n.txt", "@@ -2,2 +1,0 @@", "-2", "-3"));
        assertEquals("1\n4\n", UnifiedDiff.apply("1\n2\n3\n4\n", p));
    }

    @Test
    void insertsAtTheTopWithAZeroCountHunk() {
        FilePatch p = only(patch("--- a/t.py", "+++ b/t.py", "@@ -0,0 +1 @@", "+import os"));
        assertEquals("import os\nx = 1\n", UnifiedDiff.apply("x = 1\n", p));
    }

    @Test
    void appliesSeveralHunksAndKeepsTheLinesBetween() {
        String original = "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n";
        FilePatch p = only(patch(
                "--- a/m.txt",
                "+++ b/m.txt",
                "@@ -1,3 +1,3 @@",
                " l1",
                "-l2",
                "+TWO",
                " l3",
                "@@ -8,3 +8,4 @@ optional section text",
                " l8",
                "-l9",
                "+NINE",
                "+NINE-AND-A-HALF",
                " l10"));
        assertEquals(2, p.hunks().size());
        assertEquals("l1\nTWO\nl3\nl4\nl5\nl6\nl7\nl8\nNINE\nNINE-AND-A-HALF\nl10\n", UnifiedDiff.apply(original, p));
    }

    @Test
    void createsANewFile() {
        FilePatch p = only(patch(
                "diff --git a/pkg/new.py b/pkg/new.py",
                "new file mode 100644",
                "index 0000000..e69de29",
                "--- /dev/null",
                "+++ b/pkg/new.py",
                "@@ -0,0 +1,2 @@",
                "+x = 1",
                "+y = 2"));
        assertEquals(FilePatch.Change.CREATE, p.change());
        assertEquals("pkg/new.py", p.path());
        assertEquals("x = 1\ny = 2\n", UnifiedDiff.apply(null, p));
        IllegalArgumentException exists = assertThrows(IllegalArgumentException.class, () -> UnifiedDiff.apply("old\n", p));
        assertTrue(exists.getMessage().contains("pkg/new.py") && exists.getMessage().contains("already exists"), exists.getMessage());
    }

    @Test
    void deletesAFileAndAnEmptyOne() {
        List<FilePatch> patches = UnifiedDiff.parse(patch(
                "diff --git a/gone.py b/gone.py",
                "deleted file mode 100644",
                "--- a/gone.py",
                "+++ /dev/null",
                "@@ -1,2 +0,0 @@",
                "-a = 1",
                "-b = 2",
                "diff --git a/empty.txt b/empty.txt",
                "deleted file mode 100644",
                "index e69de29..0000000"));
        assertEquals(List.of("gone.py", "empty.txt"), patches.stream().map(FilePatch::path).toList());
        assertEquals(FilePatch.Change.DELETE, patches.get(1).change());
        assertNull(UnifiedDiff.apply("a = 1\nb = 2\n", patches.get(0)));
        assertNull(UnifiedDiff.apply("", patches.get(1)));
        IllegalArgumentException leftOver = assertThrows(IllegalArgumentException.class,
                () -> UnifiedDiff.apply("a = 1\nb = 2\nc = 3\n", patches.get(0)));
        assertTrue(leftOver.getMessage().contains("leaves 1 of its lines"), leftOver.getMessage());
    }

    @Test
    void contextMismatchNamesTheFileAndTheHunk() {
        FilePatch p = only(patch(
                "--- a/src/app.py",
                "+++ b/src/app.py",
                "@@ -1,3 +1,3 @@",
                " a",
                "-b",
                "+B",
                " c",
                "@@ -4,2 +4,2 @@",
                " d",
                "-e",
                "+E"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnifiedDiff.apply("a\nb\nc\nd\nX\n", p));
        assertEquals("src/app.py, hunk #2 (@@ -4,2 +4,2 @@): line 5 should be 'e\\n' but is 'X\\n'; "
                + "no other line matches either (offsets are tried, fuzz is not)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UnifiedDiff.apply("a\nb\n", p), "second hunk runs past the end");
        assertThrows(IllegalArgumentException.class, () -> UnifiedDiff.apply(null, p), "modified file must exist");
    }

    @Test
    void noNewlineAtEndOfFileIsHonouredOnBothSides() {
        FilePatch p = only(patch(
                "--- a/x",
                "+++ b/x",
                "@@ -1,2 +1,2 @@",
                " a",
                "-b",
                "\\ No newline at end of file",
                "+c",
                "\\ No newline at end of file"));
        assertEquals("a\nc", UnifiedDiff.apply("a\nb", p));
        // "b" with a newline is a different line: strict apply refuses it.
        assertThrows(IllegalArgumentException.class, () -> UnifiedDiff.apply("a\nb\n", p));
    }

    @Test
    void writesGitFormat() {
        String before = "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve\n";
        String after = before.replace("two", "TWO") + "thirteen";
        // Changes more than 2 x 3 context lines apart get separate hunks, as in git.
        assertEquals(patch(
                "diff --git a/p/q.py b/p/q.py",
                "--- a/p/q.py",
                "+++ b/p/q.py",
                "@@ -1,5 +1,5 @@",
                " one",
                "-two",
                "+TWO",
                " three",
                " four",
                " five",
                "@@ -10,3 +10,4 @@",
                " ten",
                " eleven",
                " twelve",
                "+thirteen",
                "\\ No newline at end of file"), UnifiedDiff.diff("p/q.py", before, after));
        // As `git diff` writes them: changes 6 lines apart share one hunk, 7 lines apart do not.
        assertEquals(patch(
                "diff --git a/r.txt b/r.txt",
                "--- a/r.txt",
                "+++ b/r.txt",
                "@@ -1,10 +1,10 @@",
                "-1",
                "+one",
                " 2",
                " 3",
                " 4",
                " 5",
                " 6",
                " 7",
                "-8",
                "+eight",
                " 9",
                " 10"), UnifiedDiff.diff("r.txt", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "one\n2\n3\n4\n5\n6\n7\neight\n9\n10\n"));
        assertEquals(patch(
                "diff --git a/s.txt b/s.txt",
                "--- a/s.txt",
                "+++ b/s.txt",
                "@@ -1,4 +1,4 @@",
                "-1",
                "+one",
                " 2",
                " 3",
                " 4",
                "@@ -6,5 +6,5 @@",
                " 6",
                " 7",
                " 8",
                "-9",
                "+nine",
                " 10"), UnifiedDiff.diff("s.txt", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "one\n2\n3\n4\n5\n6\n7\n8\nnine\n10\n"));
        assertEquals("", UnifiedDiff.diff("same.py", "x\n", "x\n"));
        assertEquals(patch(
                "diff --git a/n.py b/n.py",
                "new file mode 100644",
                "--- /dev/null",
                "+++ b/n.py",
                "@@ -0,0 +1,1 @@",
                "+x"), UnifiedDiff.diff("n.py", null, "x\n"));
    }

    @Test
    void diffThenApplyGivesTheNewTextForRandomEdits() {
        Random random = new Random(20240611L);
        String[] vocabulary = {"a\n", "b\n", "c\n", "def f():\n", "    return 1\n", "\n", "x = 2\n"};
        for (int round = 0; round < 300; round++) {
            String before = randomText(random, vocabulary);
            String after = randomText(random, vocabulary);
            String patch = UnifiedDiff.diff("f.py", before, after);
            if (before.equals(after)) {
                assertEquals("", patch);
                continue;
            }
            assertEquals(after, UnifiedDiff.apply(before, only(patch)), () -> "round with patch\n" + patch);
        }
    }

    private static String randomText(Random random, String[] vocabulary) {
        StringBuilder text = new StringBuilder();
        int lines = random.nextInt(25);
        for (int i = 0; i < lines; i++) {
            text.append(vocabulary[random.nextInt(vocabulary.length)]);
        }
        if (text.length() > 0 && random.nextInt(4) == 0) {
            text.setLength(text.length() - 1); // sometimes no newline at the end
        }
        return text.toString();
    }

    @Test
    void hugeRewritesStayBoundedAndCorrect() {
        // 3,000 distinct lines on each side exceed the LCS table cap: the diff falls back to delete-all/insert-all.
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            before.append("old ").append(i).append('\n');
            after.append("new ").append(i).append('\n');
        }
        String patch = UnifiedDiff.diff("big.txt", before.toString(), after.toString());
        assertEquals(after.toString(), UnifiedDiff.apply(before.toString(), only(patch)));
    }

    @Test
    void refusesMalformedAndUnsupportedPatches() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("starts with neither", patch("--- a/f", "+++ b/f", "@@ -1 +1 @@", "*x"));
        cases.put("ends 1 old and 1 new lines early", patch("--- a/f", "+++ b/f", "@@ -1,2 +1,2 @@", " a"));
        cases.put("binary patches are not supported", patch("diff --git a/i.png b/i.png", "Binary files a/i.png and b/i.png differ"));
        cases.put("renames are not supported", patch("--- a/old.py", "+++ b/new.py", "@@ -1 +1 @@", "-a", "+b"));
        cases.put("renames and copies are not supported", patch("diff --git a/o b/n", "similarity index 100%", "rename from o", "rename to n"));
        cases.put("has an empty, '.' or '..' segment", patch("--- a/../etc/passwd", "+++ b/../etc/passwd", "@@ -1 +1 @@", "-a", "+b"));
        cases.put("must be relative", patch("--- /etc/passwd", "+++ /etc/passwd", "@@ -1 +1 @@", "-a", "+b"));
        cases.put("appears twice", patch("--- a/f", "+++ b/f", "@@ -1 +1 @@", "-a", "+b", "--- a/f", "+++ b/f", "@@ -2 +2 @@", "-c", "+d"));
        cases.put("hunk without a ---/+++ file header", patch("@@ -1 +1 @@", "-a", "+b"));
        cases.put("has no hunk", patch("--- a/f", "+++ b/f"));
        cases.put("more lines than its counts say", patch("--- a/f", "+++ b/f", "@@ -1,0 +1,0 @@", "+x"));
        cases.forEach((expected, text) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnifiedDiff.parse(text), expected);
            assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
        });
        // As git apply: hunks may come out of order, but may not overlap lines an earlier hunk wrote.
        assertEquals("A\nB\nc\n", UnifiedDiff.apply("a\nb\nc\n",
                only(patch("--- a/f", "+++ b/f", "@@ -2 +2 @@", "-b", "+B", "@@ -1 +1 @@", "-a", "+A"))));
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class, () -> UnifiedDiff.apply("a\nb\nc\n",
                only(patch("--- a/f", "+++ b/f", "@@ -2 +2 @@", "-b", "+B", "@@ -2 +2 @@", "-B", "+b"))));
        assertTrue(overlap.getMessage().contains("hunk #2") && overlap.getMessage().contains("overlaps"), overlap.getMessage());
    }

    @Test
    void skipsACommitMessageAndAcceptsCrlfHeaders() {
        String text = "From 123 Mon Sep 17 00:00:00 2001\r\nSubject: fix\r\n\r\n"
                + "diff --git a/f b/f\r\n--- a/f\r\n+++ b/f\r\n@@ -1 +1 @@\r\n-a\r\n+b\r\n";
        // Header lines lose their '\r'; body lines keep it, so a CRLF file is patched as CRLF.
        assertEquals("b\r\n", UnifiedDiff.apply("a\r\n", only(text)));
    }

    @Test
    void appliesAllFilesOfAPatchUnderARoot(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("pkg"));
        Files.writeString(root.resolve("pkg/mod.py"), "def f():\n    return 1\n");
        Files.writeString(root.resolve("old.txt"), "bye\n");
        String patch = UnifiedDiff.diff("pkg/mod.py", "def f():\n    return 1\n", "def f():\n    return 2\n")
                + UnifiedDiff.diff("pkg/new.py", null, "X = 1\n")
                + UnifiedDiff.diff("old.txt", "bye\n", null);
        Map<String, String> result = UnifiedDiff.applyAll(root, patch);
        assertEquals(List.of("pkg/mod.py", "pkg/new.py", "old.txt"), new ArrayList<>(result.keySet()));
        assertEquals("def f():\n    return 2\n", result.get("pkg/mod.py"));
        assertEquals("X = 1\n", result.get("pkg/new.py"));
        assertTrue(result.containsKey("old.txt"));
        assertNull(result.get("old.txt"));
        assertEquals("def f():\n    return 1\n", Files.readString(root.resolve("pkg/mod.py")), "applyAll writes nothing");
    }

    @Test
    void applyAllRefusesLinksOutOfTheRootGitAndBinaryFiles(@TempDir Path temp) throws IOException {
        Path root = Files.createDirectories(temp.resolve("repo"));
        Path outside = Files.writeString(temp.resolve("secret.txt"), "secret\n");
        Files.createSymbolicLink(root.resolve("link.txt"), outside);
        Files.write(root.resolve("blob.bin"), new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1, '\n'});
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/config"), "[core]\n");
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("link.txt", "symbolic link leads out");
        cases.put(".git/config", "may not touch .git");
        cases.put("blob.bin", "is not UTF-8 text");
        cases.forEach((path, expected) -> {
            String patch = patch("--- a/" + path, "+++ b/" + path, "@@ -1 +1 @@", "-x", "+y");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnifiedDiff.applyAll(root, patch));
            assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(path), e.getMessage());
        });
        assertEquals("secret\n", Files.readString(outside));
        assertTrue(Arrays.equals(new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1, '\n'}, Files.readAllBytes(root.resolve("blob.bin"))));
    }
}
