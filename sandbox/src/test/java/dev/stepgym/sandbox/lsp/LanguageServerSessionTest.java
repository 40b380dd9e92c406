package dev.stepgym.sandbox.lsp;

import dev.stepgym.sandbox.lsp.LanguageServerException.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One real pyright on a small two-module workspace; positions below are counted by hand (0-based). */
@Tag("heavy")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LanguageServerSessionTest {
    static final String UTIL = """
            def shout(text: str) -> str:
                return text.upper()


            class Greeter:
                def __init__(self, name: str) -> None:
                    self.name = name

                def greet(self) -> str:
                    return shout("hello " + self.name)
            """;
    static final String MAIN = """
            from util import Greeter, shout

            g = Greeter("ada")
            print(g.greet())
            print(shout("x"))
            """;
    static final Duration WAIT = Duration.ofSeconds(20);

    Path workspace;
    LanguageServerSession lsp;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        workspace = dir;
        write(workspace, "util.py", UTIL);
        write(workspace, "main.py", MAIN);
        lsp = LanguageServerSession.start(PyrightInstallation.locate(), workspace, Duration.ofSeconds(20));
    }

    @AfterAll
    void stop() {
        if (lsp != null) {
            lsp.close();
        }
    }

    static void write(Path root, String rel, String text) throws IOException {
        Files.createDirectories(root.resolve(rel).getParent());
        Files.writeString(root.resolve(rel), text);
    }

    @Test
    void theInstalledPyrightIsTheOneTheStackPins() {
        assertEquals("1.1.414", PyrightInstallation.locate().version());
    }

    @Test
    void aTypeErrorIsReportedWithPyrightsRuleAndGoesAwayInTheFixedVersion() {
        lsp.open("typed.py", "x: int = \"s\"\n");
        List<Diag> broken = lsp.diagnostics("typed.py", WAIT);
        assertEquals(1, broken.size(), broken.toString());
        Diag error = broken.get(0);
        assertEquals(new Diag("typed.py", 0, 9, 0, 12, Diag.Severity.ERROR, error.message(), "reportAssignmentType"), error);
        assertTrue(error.message().contains("\"int\""), error.message());
        assertEquals(1, lsp.version("typed.py"));

        lsp.change("typed.py", "x: int = 1\n");
        assertEquals(2, lsp.version("typed.py"));
        assertEquals(List.of(), lsp.diagnostics("typed.py", WAIT));
        lsp.close("typed.py");
    }

    @Test
    void thePublishOfAnOlderVersionIsNotTakenForTheCurrentOne() {
        // version 1 is clean and its (empty) publish has arrived ...
        lsp.open("late.py", "y: str = \"ok\"\n");
        assertEquals(List.of(), lsp.diagnostics("late.py", WAIT));
        // ... so answering version 2 at once from that publish would say "no errors": it must wait for 2's
        lsp.change("late.py", "y: str = 42\n");
        List<Diag> current = lsp.diagnostics("late.py", WAIT);
        assertEquals(List.of("reportAssignmentType@0:9"), current.stream().map(d -> d.rule() + "@" + d.line() + ":" + d.col()).toList());

        // and changes sent back to back, without waiting, end at the last version's diagnostics
        lsp.change("late.py", "y: str = 1\nz: int = \"s\"\n");
        lsp.change("late.py", "y: str = \"fine\"\n");
        assertEquals(4, lsp.version("late.py"));
        assertEquals(List.of(), lsp.diagnostics("late.py", WAIT));
        lsp.close("late.py");
    }

    @Test
    void aReopenedDocumentContinuesItsVersionsSoOldPublishesNeverMatch() {
        lsp.open("again.py", "a: int = 1\n");
        assertEquals(List.of(), lsp.diagnostics("again.py", WAIT));
        lsp.close("again.py");
        lsp.open("again.py", "a: int = \"no\"\n");
        assertEquals(2, lsp.version("again.py"));
        assertEquals(1, lsp.diagnostics("again.py", WAIT).size());
        lsp.close("again.py");
    }

    @Test
    void aChangeOnDiskReachesTheDiagnosticsOfAnOpenDependent() throws IOException {
        write(workspace, "dep.py", "def f() -> int:\n    return 1\n");
        lsp.filesChangedOnDisk(List.of("dep.py"));
        lsp.open("use.py", "from dep import f\n\nx: int = f()\n");
        assertEquals(List.of(), lsp.diagnostics("use.py", WAIT));

        write(workspace, "dep.py", "def f() -> str:\n    return \"a\"\n");
        lsp.filesChangedOnDisk(List.of("dep.py"));
        assertEquals(List.of("reportAssignmentType@2:9"),
                lsp.diagnostics("use.py", WAIT).stream().map(d -> d.rule() + "@" + d.line() + ":" + d.col()).toList());

        write(workspace, "dep.py", "def f() -> int:\n    return 2\n");
        lsp.filesChangedOnDisk(List.of("dep.py"));
        assertEquals(List.of(), lsp.diagnostics("use.py", WAIT));
        lsp.close("use.py");
    }

    @Test
    void definitionCrossesFiles() {
        // main.py line 2 `g = Greeter("ada")`, column 4 is the G of Greeter; util.py line 4 `class Greeter:`
        assertEquals(List.of(new SourceLocation("util.py", new SourceRange(4, 6, 4, 13), true)), lsp.definition("main.py", 2, 4));
        // `print` is defined in typeshed's builtins stub, outside the workspace
        List<SourceLocation> print = lsp.definition("main.py", 3, 0);
        assertFalse(print.isEmpty());
        assertFalse(print.get(0).inWorkspace());
        assertTrue(print.get(0).path().endsWith("builtins.pyi"), print.toString());
    }

    @Test
    void referencesOfShoutInBothFiles() {
        List<SourceLocation> withDeclaration = lsp.references("util.py", 0, 4, true);
        assertEquals(List.of(
                new SourceLocation("main.py", new SourceRange(0, 26, 0, 31), true),   // the import
                new SourceLocation("main.py", new SourceRange(4, 6, 4, 11), true),    // print(shout("x"))
                new SourceLocation("util.py", new SourceRange(0, 4, 0, 9), true),     // def shout
                new SourceLocation("util.py", new SourceRange(9, 15, 9, 20), true)),  // return shout(...)
                withDeclaration);
        assertEquals(3, lsp.references("util.py", 0, 4, false).size());
    }

    @Test
    void hoverShowsTheType() {
        assertTrue(lsp.hover("main.py", 3, 6).orElseThrow().contains("g: Greeter"));
        assertTrue(lsp.hover("main.py", 3, 8).orElseThrow().contains("def greet() -> str"));
        assertEquals(Optional.empty(), lsp.hover("main.py", 1, 0), "an empty line has no hover");
    }

    @Test
    void documentSymbolsAreFlattenedWithQualifiedNames() {
        List<SymbolEntry> symbols = lsp.documentSymbols("util.py");
        List<String> names = symbols.stream().map(SymbolEntry::qualifiedName).toList();
        assertTrue(names.containsAll(List.of("shout", "Greeter", "Greeter.__init__", "Greeter.greet")), names.toString());
        assertTrue(names.indexOf("shout") < names.indexOf("Greeter") && names.indexOf("Greeter") < names.indexOf("Greeter.greet"),
                "source order: " + names);
        SymbolEntry greet = symbols.get(names.indexOf("Greeter.greet"));
        assertEquals(new SymbolEntry("Greeter.greet", "greet", "method", "util.py", new SourceRange(8, 4, 9, 42), new SourceRange(8, 8, 8, 13)), greet);
        assertEquals("class", symbols.get(names.indexOf("Greeter")).kind());
        assertEquals("function", symbols.get(names.indexOf("shout")).kind());
    }

    @Test
    void workspaceSymbolsFindFilesThatAreNotOpen() {
        List<SymbolEntry> found = lsp.workspaceSymbols("Greet");
        assertTrue(found.stream().anyMatch(s -> s.qualifiedName().equals("Greeter") && s.kind().equals("class")
                && s.path().equals("util.py") && s.selection().equals(new SourceRange(4, 6, 4, 13))), found.toString());
        assertTrue(found.stream().anyMatch(s -> s.qualifiedName().equals("Greeter.greet")), found.toString());
        assertEquals(List.of(), lsp.workspaceSymbols("NoSuchSymbolAnywhere"));
    }

    @Test
    void prepareRenameAcceptsANameAndRefusesAKeyword() {
        assertEquals(Optional.of(new SourceRange(0, 4, 0, 9)), lsp.prepareRename("util.py", 0, 4));
        assertEquals(Optional.empty(), lsp.prepareRename("util.py", 0, 1), "`def`");
        assertEquals(Optional.empty(), lsp.prepareRename("util.py", 1, 5), "`return`");
    }

    @Test
    void renameGivesEditsInBothFilesAndWritesNothing() throws IOException {
        TextEdits edits = lsp.rename("util.py", 0, 4, "yell");
        assertEquals(List.of("main.py", "util.py"), List.copyOf(edits.byPath().keySet()));
        assertEquals(Map.of(
                "main.py", List.of(new TextEdits.Edit(new SourceRange(0, 26, 0, 31), "yell"), new TextEdits.Edit(new SourceRange(4, 6, 4, 11), "yell")),
                "util.py", List.of(new TextEdits.Edit(new SourceRange(0, 4, 0, 9), "yell"), new TextEdits.Edit(new SourceRange(9, 15, 9, 20), "yell"))),
                edits.byPath());
        assertEquals(4, edits.editCount());
        assertEquals(UTIL, Files.readString(workspace.resolve("util.py")), "a rename is a preview");
        assertTrue(lsp.rename("util.py", 0, 1, "yell").isEmpty(), "nothing to rename on a keyword");
    }

    @Test
    void badArgumentsGetClearErrorsAndLeaveTheSessionHealthy() {
        for (String path : List.of("../outside.py", "/etc/passwd", "a/../../x.py", "nul\0.py", "", ".")) {
            LanguageServerException e = assertThrows(LanguageServerException.class, () -> lsp.open(path, "x = 1\n"), path);
            assertEquals(Kind.BAD_INPUT, e.kind(), path);
        }
        assertEquals(Kind.BAD_INPUT, assertThrows(LanguageServerException.class, () -> lsp.definition("main.py", -1, 0)).kind());
        assertEquals(Kind.BAD_INPUT, assertThrows(LanguageServerException.class, () -> lsp.diagnostics("never_opened.py")).kind());
        assertEquals(Kind.BAD_INPUT, assertThrows(LanguageServerException.class, () -> lsp.change("never_opened.py", "")).kind());
        for (String name : List.of("1abc", "class", "a-b", "", "x y")) {
            assertEquals(Kind.BAD_INPUT, assertThrows(LanguageServerException.class, () -> lsp.rename("util.py", 0, 4, name)).kind(), name);
        }
        String huge = "#".repeat(LanguageServerSession.MAX_DOCUMENT_CHARS + 1);
        LanguageServerException tooBig = assertThrows(LanguageServerException.class, () -> lsp.open("huge.py", huge));
        assertTrue(tooBig.getMessage().contains("more than"), tooBig.getMessage());
        lsp.open("twice.py", "t = 1\n");
        assertEquals(Kind.BAD_INPUT, assertThrows(LanguageServerException.class, () -> lsp.open("./twice.py", "t = 2\n")).kind());
        lsp.close("twice.py");
        assertTrue(lsp.healthy());
    }

    @Test
    void printsTimingsForTheBench(@TempDir Path fresh) throws IOException {
        write(fresh, "util.py", UTIL);
        write(fresh, "main.py", MAIN);
        try (LanguageServerSession session = LanguageServerSession.start(PyrightInstallation.locate(), fresh, Duration.ofSeconds(20))) {
            long t0 = System.nanoTime();
            session.open("main.py", MAIN);
            session.diagnostics("main.py", WAIT);
            long t1 = System.nanoTime();
            session.change("main.py", MAIN + "z: int = \"bad\"\n");
            assertEquals(1, session.diagnostics("main.py", WAIT).size());
            long t2 = System.nanoTime();
            session.definition("main.py", 2, 4);
            long t3 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                session.definition("main.py", 2, 4);
            }
            long t4 = System.nanoTime();
            System.out.printf("[lsp timings] initialize %d ms, first diagnostics %d ms, diagnostics after edit %d ms,"
                            + " first definition %.1f ms, definition round trip (mean of 20) %.1f ms%n",
                    session.startupTime().toMillis(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1e6, (t4 - t3) / 20 / 1e6);
        }
    }
}
