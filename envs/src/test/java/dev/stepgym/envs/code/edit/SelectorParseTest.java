package dev.stepgym.envs.code.edit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelectorParseTest {

    @Test
    void everyStringFormParsesToItsRecord() throws SelectorException {
        assertEquals(new LineSelector("src/app.py", 42, 42), Selector.parse("src/app.py@L42"));
        assertEquals(new LineSelector("src/app.py", 42, 44), Selector.parse("src/app.py@L42-44"));
        assertEquals(RangeSelector.cursor("src/app.py", 42, 7), Selector.parse("src/app.py@L42:C7"));
        assertEquals(new RangeSelector("src/app.py", 42, 1, 44, 10), Selector.parse("src/app.py@R(42,1->44,10)"));
        assertEquals(new RangeSelector("a.py", 2, 3, 4, 5), Selector.parse("  a.py@R( 2 , 3 -> 4 , 5 )  "));
        assertEquals(new SymbolSelector("src/app.py", "Loader.load", SymbolPart.DEF, 0),
                Selector.parse("py://src/app.py#Loader.load"));
        assertEquals(new SymbolSelector("src/app.py", "Loader.load", SymbolPart.BODY, 0),
                Selector.parse("py://src/app.py#Loader.load:body"));
        assertEquals(new SymbolSelector("src/app.py", "run", SymbolPart.DEF, 2),
                Selector.parse("py://src/app.py#run:def?occurrence=2"));
        assertEquals(new AnchorSelector("src/app.py", "def load_data(", 0),
                Selector.parse("anchor://src/app.py#\"def load_data(\""));
        assertEquals(new AnchorSelector("src/app.py", "say(\"hi\\n\")\n\treturn", 3),
                Selector.parse("anchor://src/app.py#\"say(\\\"hi\\\\n\\\")\\n\\treturn\"?occurrence=3"));
        // '@' and '#' may appear in paths: the last '@' / the first '#"' separates
        assertEquals(new LineSelector("odd@dir/a.py", 1, 1), Selector.parse("odd@dir/a.py@L1"));
        assertEquals(new AnchorSelector("x#y.py", "#\" in text", 0), Selector.parse("anchor://x#y.py#\"#\\\" in text\""));
    }

    @Test
    void canonicalStringsParseBackToTheSameSelector() throws SelectorException {
        List<Selector> selectors = List.of(
                new LineSelector("a.py", 3, 3), new LineSelector("a.py", 3, 9),
                RangeSelector.cursor("a.py", 1, 1), new RangeSelector("a.py", 1, 2, 3, 4),
                new SymbolSelector("a.py", "A.b", SymbolPart.BODY, 2), new SymbolSelector("a.py", "f"),
                new AnchorSelector("a.py", "x = \"q\\\" \r\n\ty", 0), new AnchorSelector("a.py", "z", 7));
        for (Selector selector : selectors) {
            assertEquals(selector, Selector.parse(selector.canonical()), selector.canonical());
        }
        assertEquals("a.py@L3-9", selectors.get(1).canonical());
        assertEquals("a.py@L1:C1", selectors.get(2).canonical());
        assertEquals("py://a.py#A.b:body?occurrence=2", selectors.get(4).canonical());
        assertEquals("anchor://a.py#\"z\"?occurrence=7", selectors.get(7).canonical());
    }

    @Test
    void garbageIsABadSelectorWithAReason() {
        String huge = "a.py@L" + "1".repeat(9000);
        String[][] cases = {
                {"", "empty"},
                {"   ", "empty"},
                {"hello world", "expected one of"},
                {"@L3", "expected one of"},
                {"a.py@L0", "1 <= start"},
                {"a.py@L5-3", "1 <= start <= end"},
                {"a.py@R(3,1->2,1)", "ends before it starts"},
                {"a.py@R(1,0->1,2)", "1-based"},
                {"a.py@Lx", "cannot read location 'Lx'"},
                {"a.py@L99999999999", "cannot read location"},
                {"ast://[module=m]/[def=f]", "unsupported selector scheme 'ast://'"},
                {"py://a.py#", "dotted Python name"},
                {"py://#f", "needs a path and a name"},
                {"py://a.py#1abc", "dotted Python name"},
                {"py://a.py#f:sig", "unsupported symbol part ':sig'"},
                {"py://a.py#f?overload=1", "the only option is ?occurrence=N"},
                {"anchor://a.py#\"unterminated", "not closed"},
                {"anchor://a.py#\"\"", "must not be blank"},
                {"anchor://a.py#\"x\"?ctx=24", "the only option"},
                {"anchor://a.py#\"x\"?occurrence=0", "counts from 1"},
                {"anchor://a.py#\"x\"junk", "only ?occurrence=N may follow"},
                {"anchor://a.py#\"\\q\"", "unknown escape"},
                {"anchor://a.py#plain", "needs a path and quoted text"},
                {"a\u0000.py@L1", "control character"},
                {huge, "at most 8192"},
        };
        for (String[] c : cases) {
            SelectorException e = assertThrows(SelectorException.class, () -> Selector.parse(c[0]), c[0]);
            assertEquals(SelectorException.Kind.BAD_SELECTOR, e.kind(), c[0]);
            assertTrue(e.getMessage().contains(c[1]), () -> c[0] + " -> " + e.getMessage());
            assertTrue(e.getMessage().length() < 1000, "messages stay short even for huge input");
        }
        assertThrows(SelectorException.class, () -> Selector.parse(null));
        assertThrows(SelectorException.class, () -> Selector.parse("anchor://a.py#\"" + "x".repeat(2001) + "\""));
    }
}
