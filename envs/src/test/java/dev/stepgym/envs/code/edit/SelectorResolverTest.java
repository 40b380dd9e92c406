package dev.stepgym.envs.code.edit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.stepgym.envs.code.edit.SampleModule.PATH;
import static dev.stepgym.envs.code.edit.SampleModule.SOURCE;
import static dev.stepgym.envs.code.edit.SampleModule.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelectorResolverTest {

    private static Resolution resolve(String selector) throws SelectorException {
        return SelectorResolver.resolve(Selector.parse(selector), TEXT, SOURCE);
    }

    private static SelectorException failure(String selector) {
        return assertThrows(SelectorException.class, () -> resolve(selector), selector);
    }

    private static String text(TextRange range) throws SelectorException {
        int[] span = LineIndex.of(TEXT).offsets(range);
        return TEXT.substring(span[0], span[1]);
    }

    // ---- lines, ranges, cursors

    @Test
    void linesCoverTheirTextWithoutTheLastBreak() throws SelectorException {
        Resolution one = resolve(PATH + "@L4");
        assertEquals(new TextRange(3, 0, 3, 13), one.range());
        assertEquals(1.0, one.confidence());
        assertEquals(List.of(), one.alternatives());
        assertEquals(new TextRange(16, 0, 19, 10), resolve(PATH + "@L17-20").range());
        assertEquals("def load_data(\n    path,\n    mode: str = \"r\",\n) -> list:", text(resolve(PATH + "@L17-20").range()));
        assertEquals(new TextRange(22, 0, 22, 0), resolve(PATH + "@L23").range());   // the empty last line
    }

    @Test
    void rangesAreOneBasedAndEndExclusive() throws SelectorException {
        Resolution r = resolve(PATH + "@R(6,9->6,13)");
        assertEquals(new TextRange(5, 8, 5, 12), r.range());
        assertEquals("load", text(r.range()));
        assertEquals(1.0, r.confidence());
        // up to column 1 of the next line = the line with its break
        assertEquals("class Runner:\n", text(resolve(PATH + "@R(13,1->14,1)").range()));
        // column = length + 1 is the end of the line
        assertEquals("class Runner:", text(resolve(PATH + "@R(13,1->13,14)").range()));
        assertEquals(TextRange.at(12, 6), resolve(PATH + "@L13:C7").range());
    }

    @Test
    void positionsOutsideTheFileAreOutOfRange() {
        SelectorException e = failure(PATH + "@L24");
        assertEquals(SelectorException.Kind.OUT_OF_RANGE, e.kind());
        assertEquals("line 24 is outside the file, which has 23 lines", e.getMessage());
        assertEquals(SelectorException.Kind.OUT_OF_RANGE, failure(PATH + "@L20-30").kind());
        e = failure(PATH + "@R(13,1->13,15)");
        assertEquals(SelectorException.Kind.OUT_OF_RANGE, e.kind());
        assertEquals("column 15 is outside line 13, which has 13 UTF-16 code units (columns 1..14)", e.getMessage());
        assertEquals(SelectorException.Kind.OUT_OF_RANGE, failure(PATH + "@L99:C1").kind());
    }

    // ---- symbols

    @Test
    void qualifiedSymbolResolvesExactly() throws SelectorException {
        Resolution r = resolve("py://" + PATH + "#Loader.load");
        assertEquals(new TextRange(5, 4, 6, 26), r.range());
        assertEquals(1.0, r.confidence());
    }

    @Test
    void bodySkipsTheHeaderWhateverItsColons() throws SelectorException {
        // the header holds ':' in an annotation, in a string default and before the return annotation
        assertEquals(new TextRange(6, 0, 6, 26), resolve("py://" + PATH + "#Loader.load:body").range());
        // a header split over four lines
        assertEquals(new TextRange(20, 0, 21, 28), resolve("py://" + PATH + "#load_data:body").range());
        // a decorated class: the decorator line is not the header; the docstring's ':' is inside a string
        assertEquals(new TextRange(4, 0, 9, 29), resolve("py://" + PATH + "#Loader:body").range());
        // a comment after the header colon
        assertEquals(new TextRange(9, 0, 9, 29), resolve("py://" + PATH + "#Loader.run:body").range());
        // a one-line definition: the body is what follows the colon
        Resolution oneLine = resolve("py://" + PATH + "#Runner.run:body");
        assertEquals(new TextRange(13, 19, 13, 27), oneLine.range());
        assertEquals("return 1", text(oneLine.range()));
    }

    @Test
    void bodyScannerIgnoresKeywordsAndColonsInStringsCommentsAndBrackets() throws SelectorException {
        String text = String.join("\n",
                "@route(\"def x: class y:\", key=lambda v: v)  # def: class:",   // 0
                "async def f(a={'k': 1}, b=\"\"\"multi",                          // 1
                "line: def\"\"\") -> 'T:':",                                       // 2
                "    return a",                                                      // 3
                "");
        Resolution body = SelectorResolver.resolve(new SymbolSelector("a.py", "f", SymbolPart.BODY, 0), text,
                path -> List.of(new SymbolRange("f", 0, 0, 3, 12)));
        assertEquals(new TextRange(3, 0, 3, 12), body.range());
        // the whole definition, decorator included, is the default part
        assertEquals(new TextRange(0, 0, 3, 12), SelectorResolver.resolve(new SymbolSelector("a.py", "f"), text,
                path -> List.of(new SymbolRange("f", 0, 0, 3, 12))).range());
    }

    @Test
    void unqualifiedUniqueNameIsAPartialMatch() throws SelectorException {
        Resolution r = resolve("py://" + PATH + "#load");
        assertEquals(new TextRange(5, 4, 6, 26), r.range());
        assertEquals(Resolution.PARTIAL, r.confidence());
        assertEquals(0.8, r.confidence());
    }

    @Test
    void sameShortNameInTwoClassesIsAmbiguousAndListsBoth() {
        SelectorException e = failure("py://" + PATH + "#run");
        assertEquals(SelectorException.Kind.AMBIGUOUS, e.kind());
        assertEquals("symbol run in pkg/m.py is ambiguous: 2 match: Loader.run (lines 9-10); Runner.run (line 14); "
                + "write the qualified name or add ?occurrence=N", e.getMessage());
        assertEquals(List.of("Loader.run", "Runner.run"), e.candidates().stream().map(Candidate::label).toList());
    }

    @Test
    void occurrencePicksInDocumentOrder() throws SelectorException {
        Resolution r = resolve("py://" + PATH + "#run?occurrence=2");
        assertEquals(new TextRange(13, 4, 13, 27), r.range());
        assertEquals(0.8, r.confidence());
        assertEquals(List.of(new Candidate("Loader.run", new TextRange(8, 4, 9, 29))), r.alternatives());
        SelectorException e = failure("py://" + PATH + "#run?occurrence=3");
        assertEquals(SelectorException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().startsWith("occurrence 3 of symbol run in pkg/m.py was asked for, but only 2 match"),
                e.getMessage());
    }

    @Test
    void exactNameWinsOverSuffixMatches() throws SelectorException {
        List<SymbolRange> symbols = List.of(new SymbolRange("run", 0, 0, 0, 3), new SymbolRange("A.run", 1, 0, 1, 3));
        Resolution r = SelectorResolver.resolve(new SymbolSelector("x.py", "run"), "abc\ndef", path -> symbols);
        assertEquals(new TextRange(0, 0, 0, 3), r.range());
        assertEquals(1.0, r.confidence());
        // a suffix must end at a dot: "Arun" is not "run"
        assertThrows(SelectorException.class, () -> SelectorResolver.resolve(new SymbolSelector("x.py", "un"), "abc\ndef",
                path -> symbols));
    }

    @Test
    void unknownSymbolIsNotFoundWithTheNearestNames() {
        SelectorException e = failure("py://" + PATH + "#lod");
        assertEquals(SelectorException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().startsWith("no symbol lod in pkg/m.py; nearest: Loader.load (lines 6-7)"), e.getMessage());
        assertEquals("Loader.load", e.candidates().get(0).label());
        assertTrue(e.getMessage().contains("and 2 more"), e.getMessage());   // 7 symbols, 5 listed
        SelectorException none = assertThrows(SelectorException.class,
                () -> SelectorResolver.resolve(new SymbolSelector("x.py", "f"), "x = 1", SymbolSource.none()));
        assertEquals("no symbol f in x.py (the file has no symbols)", none.getMessage());
    }

    @Test
    void staleOrBodilessSymbolsFailClearly() {
        SelectorException stale = assertThrows(SelectorException.class, () -> SelectorResolver.resolve(
                new SymbolSelector("x.py", "Ghost"), "x = 1\n", path -> List.of(new SymbolRange("Ghost", 40, 0, 41, 0))));
        assertEquals(SelectorException.Kind.OUT_OF_RANGE, stale.kind());
        assertTrue(stale.getMessage().contains("older than the file"), stale.getMessage());
        SelectorException noBody = failure("py://" + PATH + "#os:body");
        assertEquals(SelectorException.Kind.BAD_SELECTOR, noBody.kind());
        assertTrue(noBody.getMessage().contains("has no body"), noBody.getMessage());
    }

    // ---- anchors

    @Test
    void uniqueAnchorResolvesExactly() throws SelectorException {
        Resolution r = resolve("anchor://" + PATH + "#\"def load_data(\"");
        assertEquals(new TextRange(16, 0, 16, 14), r.range());
        assertEquals(1.0, r.confidence());
        // across lines
        assertEquals(new TextRange(16, 4, 17, 8), resolve("anchor://" + PATH + "#\"load_data(\\n    path\"").range());
    }

    @Test
    void repeatedAnchorIsAmbiguousUnlessAnOccurrenceIsGiven() throws SelectorException {
        SelectorException e = failure("anchor://" + PATH + "#\"return\"");
        assertEquals(SelectorException.Kind.AMBIGUOUS, e.kind());
        assertEquals(4, e.candidates().size());
        assertEquals("anchor 'return' in pkg/m.py is ambiguous: 4 match: \"return {\"p\": path}\" (line 7); "
                + "\"return self.load(\"x\")\" (line 10); \"def run(self): return 1\" (line 14); "
                + "\"return f.readlines()\" (line 22); lengthen the anchor or add ?occurrence=N", e.getMessage());
        Resolution third = resolve("anchor://" + PATH + "#\"return\"?occurrence=3");
        assertEquals(new TextRange(13, 19, 13, 25), third.range());
        assertEquals(1.0, third.confidence());
        assertEquals(3, third.alternatives().size());
        assertEquals(SelectorException.Kind.NOT_FOUND, failure("anchor://" + PATH + "#\"return\"?occurrence=9").kind());
    }

    @Test
    void moreThanFiveCandidatesAreCutShort() {
        String text = "x = 1\n".repeat(7);
        SelectorException e = assertThrows(SelectorException.class,
                () -> SelectorResolver.resolve(new AnchorSelector("a.py", "x ="), text, SymbolSource.none()));
        assertEquals(7, e.candidates().size());
        assertTrue(e.getMessage().contains("(line 5); and 2 more;"), e.getMessage());
    }

    @Test
    void whitespaceNormalisedAnchorIsAPartialMatch() throws SelectorException {
        // the file has "path,\n    mode:"; the agent wrote it on one line ("path, mode)" on line 21 differs)
        Resolution r = resolve("anchor://" + PATH + "#\"path, mode:\"");
        assertEquals(new TextRange(17, 4, 18, 9), r.range());
        assertEquals(0.8, r.confidence());
        // extra spaces inside and around the anchor
        Resolution spaced = resolve("anchor://" + PATH + "#\"  class   Runner:  \"");
        assertEquals(new TextRange(12, 0, 12, 13), spaced.range());
        assertEquals(0.8, spaced.confidence());
    }

    @Test
    void missingAnchorIsNotFoundWithSimilarLines() {
        SelectorException e = failure("anchor://" + PATH + "#\"def load_data(x)\"");
        assertEquals(SelectorException.Kind.NOT_FOUND, e.kind());
        assertEquals("anchor 'def load_data(x)' occurs nowhere in pkg/m.py, not even with whitespace collapsed; "
                + "lines with similar text: \"def load_data(\" (line 17)", e.getMessage());
        assertEquals(new TextRange(16, 4, 16, 13), e.candidates().get(0).range());
    }

    // ---- line endings, unicode, tiny files

    @Test
    void crlfFilesKeepTheirBreaksOutOfLinesAndMatchNewlineAnchors() throws SelectorException {
        String crlf = "def f():\r\n    return 1\r\n";
        assertEquals(new TextRange(1, 0, 1, 12),
                SelectorResolver.resolve(Selector.parse("a.py@L2"), crlf, SymbolSource.none()).range());
        Resolution anchor = SelectorResolver.resolve(new AnchorSelector("a.py", ":\n    return"), crlf, SymbolSource.none());
        assertEquals(new TextRange(0, 7, 1, 10), anchor.range());
        assertEquals(1.0, anchor.confidence());
        // column 13 is the line end; column 14 would point at the '\r'
        assertEquals(SelectorException.Kind.OUT_OF_RANGE, assertThrows(SelectorException.class,
                () -> SelectorResolver.resolve(Selector.parse("a.py@R(2,1->2,14)"), crlf, SymbolSource.none())).kind());
        Resolution body = SelectorResolver.resolve(Selector.parse("py://a.py#f:body"), crlf,
                path -> List.of(new SymbolRange("f", 0, 0, 1, 12)));
        assertEquals(new TextRange(1, 0, 1, 12), body.range());
    }

    @Test
    void columnsCountUtf16CodeUnits() throws SelectorException {
        String text = "s = \"\uD83D\uDE00\" + name\n";   // the emoji takes columns 6 and 7 (1-based)
        Resolution anchor = SelectorResolver.resolve(new AnchorSelector("a.py", "name"), text, SymbolSource.none());
        assertEquals(new TextRange(0, 11, 0, 15), anchor.range());
        Resolution range = SelectorResolver.resolve(Selector.parse("a.py@R(1,12->1,16)"), text, SymbolSource.none());
        assertEquals(anchor.range(), range.range());
        Resolution emoji = SelectorResolver.resolve(Selector.parse("a.py@R(1,6->1,8)"), text, SymbolSource.none());
        assertEquals(new TextRange(0, 5, 0, 7), emoji.range());
        SelectorException split = assertThrows(SelectorException.class,
                () -> SelectorResolver.resolve(Selector.parse("a.py@R(1,7->1,8)"), text, SymbolSource.none()));
        assertEquals(SelectorException.Kind.OUT_OF_RANGE, split.kind());
        assertTrue(split.getMessage().contains("two UTF-16 code units"), split.getMessage());
    }

    @Test
    void emptyAndOneCharacterFiles() throws SelectorException {
        SymbolSource none = SymbolSource.none();
        assertEquals(TextRange.at(0, 0), SelectorResolver.resolve(Selector.parse("e.py@L1"), "", none).range());
        assertEquals(TextRange.at(0, 0), SelectorResolver.resolve(Selector.parse("e.py@L1:C1"), "", none).range());
        assertEquals(SelectorException.Kind.OUT_OF_RANGE,
                assertThrows(SelectorException.class, () -> SelectorResolver.resolve(Selector.parse("e.py@L2"), "", none)).kind());
        assertEquals(SelectorException.Kind.OUT_OF_RANGE,
                assertThrows(SelectorException.class, () -> SelectorResolver.resolve(Selector.parse("e.py@L1:C2"), "", none)).kind());
        SelectorException missing = assertThrows(SelectorException.class,
                () -> SelectorResolver.resolve(new AnchorSelector("e.py", "x"), "", none));
        assertEquals(SelectorException.Kind.NOT_FOUND, missing.kind());

        assertEquals(new TextRange(0, 0, 0, 1), SelectorResolver.resolve(Selector.parse("x.py@L1"), "x", none).range());
        assertEquals(new TextRange(0, 0, 0, 1), SelectorResolver.resolve(Selector.parse("x.py@R(1,1->1,2)"), "x", none).range());
        assertEquals(new TextRange(0, 0, 0, 1), SelectorResolver.resolve(new AnchorSelector("x.py", "x"), "x", none).range());
        assertEquals(SelectorException.Kind.OUT_OF_RANGE, assertThrows(SelectorException.class,
                () -> SelectorResolver.resolve(Selector.parse("x.py@R(1,2->1,3)"), "x", none)).kind());
    }
}
