package dev.stepgym.sandbox.git;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.stepgym.sandbox.SandboxException;
import dev.stepgym.sandbox.SandboxException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitWorkspaceTest {
    private static final String CALC = "def add(a, b):\n    return a - b\n";
    private static final String CALC_FIXED = "def add(a, b):\n    return a + b\n";

    @TempDir
    Path tmp;
    Path task;
    Path sibling;

    @BeforeEach
    void setUp() throws IOException {
        task = Files.createDirectories(tmp.resolve("task"));
        Files.writeString(task.resolve("calc.py"), CALC);
        Files.createDirectories(task.resolve("pkg"));
        Files.writeString(task.resolve("pkg/__init__.py"), "");
        Files.writeString(task.resolve("pkg/util.py"), "def helper():\n    return 42\n");
        Files.writeString(task.resolve(".gitignore"), "*.log\n");
        Files.writeString(task.resolve("run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(task.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        // A directory next to every workspace: nothing any test does may change it.
        sibling = Files.createDirectories(tmp.resolve("sibling"));
        Files.writeString(sibling.resolve("keep.txt"), "untouched\n");
    }

    private GitWorkspace fromFolder(String name) {
        return GitWorkspace.create(task, tmp.resolve(name));
    }

    @Test
    void createFromFolderCommitsTheTaskBaseDeterministically() throws Exception {
        try (GitWorkspace a = fromFolder("a"); GitWorkspace b = fromFolder("b")) {
            assertTrue(a.baseCommit().matches("[0-9a-f]{40}"), a.baseCommit());
            assertEquals(a.baseCommit(), b.baseCommit(), "same folder, fixed author and date: same commit");
            assertEquals(treeHash(task), treeHash(a.root()));
            assertEquals("", a.diff());
            assertEquals(List.of(), a.changedPaths());
            try (Git git = Git.open(a.root().toFile())) {
                RevCommit head = git.log().call().iterator().next();
                assertEquals("task base", head.getFullMessage());
                assertEquals(a.baseCommit(), head.getName());
            }
        }
        assertFalse(Files.exists(tmp.resolve("a")), "close deletes the workspace");
    }

    @Test
    void createFromRepositoryClonesItsHead() throws Exception {
        Path repo = tmp.resolve("repo");
        String head;
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("calc.py"), CALC);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("one").setSign(false).call();
            Files.writeString(repo.resolve("calc.py"), CALC_FIXED);
            git.add().addFilepattern(".").call();
            head = git.commit().setMessage("two").setSign(false).call().getName();
            Files.writeString(repo.resolve("calc.py"), "uncommitted\n"); // not part of the clone
        }
        try (GitWorkspace ws = GitWorkspace.create(repo, tmp.resolve("ws"))) {
            assertEquals(head, ws.baseCommit());
            assertEquals(CALC_FIXED, Files.readString(ws.root().resolve("calc.py")));
            assertEquals("", ws.diff());
        }
    }

    @Test
    void refusesANonEmptyWorkDirAndAMissingSource() throws IOException {
        Path busy = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(busy.resolve("x"), "x");
        assertEquals(Kind.CONFLICT, assertThrows(SandboxException.class, () -> GitWorkspace.create(task, busy)).kind());
        assertEquals(Kind.NOT_FOUND, assertThrows(SandboxException.class,
                () -> GitWorkspace.create(tmp.resolve("nope"), tmp.resolve("ws"))).kind());
        assertEquals(Kind.CONFLICT, assertThrows(SandboxException.class,
                () -> GitWorkspace.create(task, task.resolve("inside"))).kind());
        assertFalse(Files.exists(task.resolve("inside")));
    }

    @Test
    void applyThenDiffShowsExactlyTheChange() {
        try (GitWorkspace ws = fromFolder("ws")) {
            ApplyResult result = ws.apply(List.of(
                    FileEdit.write("calc.py", CALC_FIXED),
                    FileEdit.write("tests/test_new.py", "import calc\n"),
                    FileEdit.delete("pkg/util.py")));
            assertEquals(List.of("calc.py", "tests/test_new.py"), result.written());
            assertEquals(List.of("pkg/util.py"), result.deleted());
            assertEquals(CALC_FIXED.length() + "import calc\n".length(), result.bytesWritten());
            assertEquals(List.of("calc.py", "pkg/util.py", "tests/test_new.py"), ws.changedPaths());

            String diff = ws.diff();
            assertEquals(diff, ws.diff(), "deterministic");
            List<String> headers = diff.lines().filter(l -> l.startsWith("diff --git")).toList();
            assertEquals(List.of("diff --git a/calc.py b/calc.py", "diff --git a/pkg/util.py b/pkg/util.py",
                    "diff --git a/tests/test_new.py b/tests/test_new.py"), headers);
            String calcHunk = "@@ -1,2 +1,2 @@\n def add(a, b):\n-    return a - b\n+    return a + b\n";
            assertTrue(diff.contains(calcHunk), diff);
            assertTrue(diff.contains("deleted file mode 100644\n"), diff);
            assertTrue(diff.contains("-def helper():\n-    return 42\n"), diff);
            assertTrue(diff.contains("new file mode 100644\n"), diff);
            assertTrue(diff.contains("+++ b/tests/test_new.py\n@@ -0,0 +1 @@\n+import calc\n"), diff);
        }
    }

    @Test
    void overwritingKeepsTheExecutableBit() throws IOException {
        try (GitWorkspace ws = fromFolder("ws")) {
            ws.apply(List.of(FileEdit.write("run.sh", "#!/bin/sh\necho bye\n")));
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(ws.root().resolve("run.sh"))));
            assertFalse(ws.diff().contains("old mode"), ws.diff());
        }
    }

    @Test
    void resetBringsBackTheBaseByteForByte() throws IOException {
        try (GitWorkspace ws = fromFolder("ws")) {
            String base = treeHash(ws.root());
            ws.apply(List.of(FileEdit.write("calc.py", CALC_FIXED), FileEdit.delete("pkg/util.py"),
                    FileEdit.write("deep/er/new.py", "x = 1\n")));
            // What a test run might leave: ignored files, untracked dirs, a same-size tracked edit.
            Files.writeString(ws.root().resolve("debug.log"), "ignored\n");
            Files.createDirectories(ws.root().resolve("__pycache__/nested"));
            Files.write(ws.root().resolve("__pycache__/nested/calc.pyc"), new byte[] {0, 1, 2});
            Files.writeString(ws.root().resolve("pkg/__init__.py"), "X");
            Files.setPosixFilePermissions(ws.root().resolve("run.sh"), PosixFilePermissions.fromString("rw-r--r--"));
            assertNotEquals(base, treeHash(ws.root()));

            ws.reset();
            assertEquals(base, treeHash(ws.root()));
            assertEquals(treeHash(task), treeHash(ws.root()), "the base is the task folder");
            assertFalse(Files.exists(ws.root().resolve("deep")));
            assertFalse(Files.exists(ws.root().resolve("debug.log")));
            assertFalse(Files.exists(ws.root().resolve("__pycache__")));
            assertEquals("", ws.diff());

            int rounds = 20;
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                ws.apply(List.of(FileEdit.write("calc.py", CALC_FIXED + "# " + i + "\n"), FileEdit.write("n" + i + ".py", "")));
                ws.reset();
            }
            System.out.printf("GitWorkspace apply+reset: %.1f ms per round (%d rounds)%n",
                    (System.nanoTime() - start) / 1e6 / rounds, rounds);
            assertEquals(base, treeHash(ws.root()));
        }
    }

    @Test
    void resetRemovesASymlinkOutButNotWhatItPointsTo() throws IOException {
        try (GitWorkspace ws = fromFolder("ws")) {
            Files.createSymbolicLink(ws.root().resolve("escape"), sibling);
            String siblingBefore = treeHash(sibling);
            ws.reset();
            assertFalse(Files.exists(ws.root().resolve("escape"), LinkOption.NOFOLLOW_LINKS));
            assertEquals(siblingBefore, treeHash(sibling));
        }
    }

    @Test
    void aChangeWithOneBadEditAppliesNothing() throws IOException {
        try (GitWorkspace ws = fromFolder("ws")) {
            String before = treeHash(ws.root());
            assertKind(Kind.PATH_ESCAPE, ws, FileEdit.write("ok.py", "x = 1\n"), FileEdit.write("../x.py", "x"));
            assertKind(Kind.BINARY, ws, FileEdit.write("calc.py", CALC_FIXED), FileEdit.write("data.bin", new byte[] {'a', 0, 'b'}));
            assertKind(Kind.CONFLICT, ws, FileEdit.write("calc.py", CALC_FIXED), FileEdit.write("calc.py", "other"));
            assertKind(Kind.CONFLICT, ws, FileEdit.write("newpkg", "x"), FileEdit.write("newpkg/mod.py", "x"));
            assertKind(Kind.CONFLICT, ws, FileEdit.write("calc.py/inner.py", "x"));
            assertKind(Kind.CONFLICT, ws, FileEdit.write("pkg", "x"));
            assertKind(Kind.NOT_FOUND, ws, FileEdit.write("calc.py", CALC_FIXED), FileEdit.delete("missing.py"));
            assertEquals(before, treeHash(ws.root()));
            assertFalse(Files.exists(ws.root().resolve("ok.py")));
        }
    }

    @Test
    void aWriteThatFailsHalfwayIsRolledBack() throws IOException {
        try (GitWorkspace ws = fromFolder("ws")) {
            String before = treeHash(ws.root());
            // Passes validation, then the file system refuses the 300-byte name (NAME_MAX is 255).
            SandboxException e = assertThrows(SandboxException.class, () -> ws.apply(List.of(
                    FileEdit.write("calc.py", CALC_FIXED),
                    FileEdit.delete("pkg/util.py"),
                    FileEdit.write("made/for/it/" + "n".repeat(300) + ".py", "x = 1\n"))));
            assertEquals(Kind.IO, e.kind());
            assertTrue(e.getMessage().contains("rolled back"), e.getMessage());
            assertEquals(before, treeHash(ws.root()));
            assertFalse(Files.exists(ws.root().resolve("made")), "directories made for the change are removed");
            assertEquals("", ws.diff());
        }
    }

    @Test
    void aReadOnlyDirectoryMidChangeRollsBackTheFilesBefore() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes through read-only directories");
        try (GitWorkspace ws = fromFolder("ws")) {
            String before = treeHash(ws.root());
            Path pkg = ws.root().resolve("pkg");
            Files.setPosixFilePermissions(pkg, PosixFilePermissions.fromString("r-xr-xr-x"));
            try {
                assertKind(Kind.IO, ws, FileEdit.write("calc.py", CALC_FIXED), FileEdit.write("pkg/util.py", "y = 2\n"));
            } finally {
                Files.setPosixFilePermissions(pkg, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            assertEquals(before, treeHash(ws.root()));
        }
    }

    @Test
    void hostileEditsAreRefusedAndNothingOutsideChanges() throws IOException {
        Path outsideTarget = Files.createDirectories(tmp.resolve("outside-target"));
        Files.createSymbolicLink(task.resolve("out"), outsideTarget); // committed as part of the task
        String siblingBefore = treeHash(sibling);
        String outsideBefore = treeHash(outsideTarget);
        try (GitWorkspace ws = fromFolder("ws")) {
            String before = treeHash(ws.root());
            assertKind(Kind.PATH_ESCAPE, ws, FileEdit.write("../sibling/keep.txt", "pwned"));
            assertKind(Kind.PATH_ESCAPE, ws, FileEdit.write("/etc/passwd", "pwned"));
            assertKind(Kind.PATH_ESCAPE, ws, FileEdit.write(tmp.resolve("sibling/keep.txt").toString(), "pwned"));
            assertKind(Kind.PATH_ESCAPE, ws, FileEdit.write("out/evil.py", "pwned"));
            assertKind(Kind.PATH_ESCAPE, ws, FileEdit.write("out", "pwned"));
            assertKind(Kind.GIT_DIR, ws, FileEdit.write(".git/config", "[core]\n"));
            assertKind(Kind.GIT_DIR, ws, FileEdit.delete(".git/HEAD"));
            assertKind(Kind.BINARY, ws, FileEdit.write("bin.py", new byte[] {'x', 0}));
            assertKind(Kind.BINARY, ws, FileEdit.write("latin1.py", new byte[] {(byte) 0xC3, 0x28}));
            assertKind(Kind.TOO_LARGE, ws, FileEdit.write("huge.py", "x".repeat(5 << 20)));
            assertKind(Kind.TOO_LARGE, ws, FileEdit.write("big.py", "x".repeat((1 << 20) + 1)));
            List<FileEdit> fiveFiles = Stream.iterate(0, i -> i + 1).limit(5)
                    .map(i -> FileEdit.write("part" + i + ".py", "x".repeat(1 << 20))).toList();
            assertKind(Kind.TOO_LARGE, ws, fiveFiles.toArray(FileEdit[]::new));
            assertKind(Kind.INVALID_PATH, ws, FileEdit.write("a\0b.py", "x"));
            assertEquals(before, treeHash(ws.root()));
            assertEquals(Kind.PATH_ESCAPE, assertThrows(SandboxException.class, () -> ws.jail().resolve("out/x")).kind());
        }
        assertEquals(siblingBefore, treeHash(sibling));
        assertEquals(outsideBefore, treeHash(outsideTarget));
        assertArrayEquals("untouched\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(sibling.resolve("keep.txt")));
    }

    private static void assertKind(Kind kind, GitWorkspace ws, FileEdit... edits) {
        SandboxException e = assertThrows(SandboxException.class, () -> ws.apply(List.of(edits)));
        assertEquals(kind, e.kind(), e.getMessage());
    }

    /** SHA-256 over every path (sorted), its kind, mode and bytes or link target; .git left out. */
    static String treeHash(Path dir) throws IOException {
        TreeMap<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = dir.relativize(p).toString();
                if (rel.equals(".git") || rel.startsWith(".git/")) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    entries.put(rel, "link:" + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    entries.put(rel, "dir");
                } else {
                    entries.put(rel, "file:" + PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
                            + ":" + HexFormat.of().formatHex(sha256(Files.readAllBytes(p))));
                }
            }
        }
        return HexFormat.of().formatHex(sha256(entries.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
