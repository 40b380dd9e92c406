package dev.stepgym.sandbox.jail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgym.sandbox.SandboxException;
import dev.stepgym.sandbox.SandboxException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceJailTest {
    @TempDir
    Path tmp;
    Path root;
    Path outside;
    WorkspaceJail jail;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("ws")).toRealPath();
        outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createDirectories(root.resolve("pkg"));
        Files.writeString(root.resolve("pkg/util.py"), "x = 1\n");
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/config"), "[core]\n");
        jail = new WorkspaceJail(root);
    }

    private static Kind kindOf(Runnable call) {
        return assertThrows(SandboxException.class, call::run).kind();
    }

    @Test
    void resolvesRelativePathsUnderTheRoot() {
        assertEquals(root.resolve("pkg/util.py"), jail.resolve("pkg/util.py"));
        assertEquals(root.resolve("pkg/new/file.py"), jail.resolve("pkg/new/file.py"));
        assertEquals(root.resolve("pkg/util.py"), jail.resolve("./pkg/../pkg/util.py"));
        assertEquals(root.resolve("pkg/util.py"), jail.resolveForWrite("pkg//util.py"));
    }

    @Test
    void refusesTraversalAndAbsolutePaths() {
        assertEquals(Kind.PATH_ESCAPE, kindOf(() -> jail.resolve("../x")));
        assertEquals(Kind.PATH_ESCAPE, kindOf(() -> jail.resolve("pkg/../../x")));
        assertEquals(Kind.PATH_ESCAPE, kindOf(() -> jail.resolve("/etc/passwd")));
        assertEquals(Kind.PATH_ESCAPE, kindOf(() -> jail.resolveForWrite(root.resolve("pkg/util.py").toString())));
    }

    @Test
    void refusesMalformedPaths() {
        assertEquals(Kind.INVALID_PATH, kindOf(() -> jail.resolve("")));
        assertEquals(Kind.INVALID_PATH, kindOf(() -> jail.resolve("   ")));
        assertEquals(Kind.INVALID_PATH, kindOf(() -> jail.resolve(null)));
        assertEquals(Kind.INVALID_PATH, kindOf(() -> jail.resolve("pkg/a\0b.py")));
        assertEquals(Kind.INVALID_PATH, kindOf(() -> jail.resolve(".")));
        assertEquals(Kind.INVALID_PATH, kindOf(() -> jail.resolve("pkg/..")));
        assertEquals(Kind.INVALID_PATH, kindOf(() -> jail.resolve("a/".repeat(3000))));
    }

    @Test
    void followsSymlinksThatStayInside() throws IOException {
        Files.createSymbolicLink(root.resolve("lib"), root.resolve("pkg"));
        Files.createSymbolicLink(root.resolve("alias.py"), Path.of("pkg/util.py")); // relative target
        assertEquals(root.resolve("pkg/util.py"), jail.resolve("lib/util.py"));
        assertEquals(root.resolve("pkg/util.py"), jail.resolve("alias.py"));
        assertEquals(root.resolve("pkg/new.py"), jail.resolveForWrite("lib/new.py"));
        SandboxException e = assertThrows(SandboxException.class, () -> jail.resolveForWrite("alias.py"));
        assertEquals(Kind.PATH_ESCAPE, e.kind());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

    @Test
    void refusesSymlinksThatLeave() throws IOException {
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("pkg/up"), Path.of("../.."));
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("missing/dir"));
        assertEquals(Kind.PATH_ESCAPE, kindOf(() -> jail.resolve("out/secret.txt")));
        assertEquals(Kind.PATH_ESCAPE, kindOf(() -> jail.resolve("out")));
        assertEquals(Kind.PATH_ESCAPE, kindOf(() -> jail.resolveForWrite("out/new.txt")));
        assertEquals(Kind.PATH_ESCAPE, kindOf(() -> jail.resolve("pkg/up/outside/secret.txt")));
        assertEquals(Kind.PATH_ESCAPE, kindOf(() -> jail.resolveForWrite("dangling/x.py")));
    }

    @Test
    void refusesWritesUnderGitButAllowsReads() throws IOException {
        assertEquals(root.resolve(".git/config"), jail.resolve(".git/config"));
        assertEquals(Kind.GIT_DIR, kindOf(() -> jail.resolveForWrite(".git/config")));
        assertEquals(Kind.GIT_DIR, kindOf(() -> jail.resolveForWrite("pkg/../.git/hooks/pre-commit")));
        assertEquals(Kind.GIT_DIR, kindOf(() -> jail.resolveForWrite(".GIT/config")));
        Files.createSymbolicLink(root.resolve("g"), root.resolve(".git"));
        assertEquals(Kind.GIT_DIR, kindOf(() -> jail.resolveForWrite("g/config")));
        assertEquals(root.resolve(".gitignore"), jail.resolveForWrite(".gitignore"));
    }

    @Test
    void relativeGivesForwardSlashPaths() {
        assertEquals("pkg/util.py", jail.relative(root.resolve("pkg/util.py")));
        assertEquals("pkg/util.py", jail.relative(root.resolve("pkg/x/../util.py")));
        assertEquals(".", jail.relative(root));
        assertEquals(Kind.PATH_ESCAPE, kindOf(() -> jail.relative(outside.resolve("secret.txt"))));
    }

    @Test
    void canonicalisesARootReachedThroughASymlink() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("ws-link"), root);
        WorkspaceJail viaLink = new WorkspaceJail(link);
        assertEquals(root, viaLink.root());
        assertEquals(root.resolve("pkg/util.py"), viaLink.resolve("pkg/util.py"));
        assertEquals(Kind.NOT_FOUND, kindOf(() -> new WorkspaceJail(tmp.resolve("missing"))));
    }
}
