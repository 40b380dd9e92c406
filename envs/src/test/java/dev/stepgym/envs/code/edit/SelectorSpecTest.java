package dev.stepgym.envs.code.edit;

import dev.stepgym.protocol.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelectorSpecTest {

    @Test
    void everyObjectFormBuildsItsSelector() throws SelectorException {
        assertEquals(new LineSelector("a.py", 4, 4), SelectorSpec.fromMap(Map.of("kind", "lines", "path", "a.py", "start", 4)));
        assertEquals(new LineSelector("a.py", 4, 6),
                SelectorSpec.fromMap(Map.of("kind", "lines", "path", "a.py", "start", 4, "end", 6)));
        assertEquals(new RangeSelector("a.py", 2, 1, 3, 5),
                SelectorSpec.fromMap(Map.of("kind", "range", "path", "a.py", "start", List.of(2, 1), "end", List.of(3, 5))));
        assertEquals(new SymbolSelector("a.py", "A.run", SymbolPart.BODY, 2),
                SelectorSpec.fromMap(Map.of("kind", "symbol", "path", "a.py", "name", "A.run", "part", "body", "occurrence", 2)));
        assertEquals(new SymbolSelector("a.py", "f"), SelectorSpec.fromMap(Map.of("kind", "symbol", "path", "a.py", "name", "f")));
        assertEquals(new AnchorSelector("a.py", "def load(", 0),
                SelectorSpec.fromMap(Map.of("kind", "anchor", "path", "a.py", "text", "def load(")));
        assertEquals(new LineSelector("a.py", 7, 7), SelectorSpec.from("a.py@L7"));
    }

    @Test
    void jsonToolArgumentsWork() throws SelectorException {
        // As the server hands them over: Jackson gives Integer, Long or Double for numbers.
        Map<?, ?> args = Json.read("{\"kind\":\"range\",\"path\":\"a.py\",\"start\":[1,1.0],\"end\":[2,3]}", Map.class);
        assertEquals(new RangeSelector("a.py", 1, 1, 2, 3), SelectorSpec.from(args));
    }

    @Test
    void toMapRoundTrips() throws SelectorException {
        for (Selector s : List.of(new LineSelector("a.py", 1, 2), new RangeSelector("a.py", 1, 2, 3, 4),
                new SymbolSelector("a.py", "A.b", SymbolPart.BODY, 3), new AnchorSelector("a.py", "x\ny", 2),
                new AnchorSelector("a.py", "x"))) {
            assertEquals(s, SelectorSpec.fromMap(SelectorSpec.toMap(s)));
        }
        assertEquals(Map.of("kind", "range", "path", "a.py", "start", List.of(1, 2), "end", List.of(3, 4)),
                SelectorSpec.toMap(new RangeSelector("a.py", 1, 2, 3, 4)));
    }

    @Test
    void badObjectsAreBadSelectorsSayingWhatIsWrong() {
        Object[][] cases = {
                {Map.of("path", "a.py"), "'kind' must be one of [anchor, lines, range, symbol], got nothing"},
                {Map.of("kind", "cursor", "path", "a.py"), "got 'cursor'"},
                {Map.of("kind", "lines", "path", "a.py", "line", 3), "unknown field 'line'"},
                {Map.of("kind", "lines", "start", 3), "'path' must be a string"},
                {Map.of("kind", "lines", "path", "a.py", "start", "3"), "'start' must be an integer"},
                {Map.of("kind", "lines", "path", "a.py", "start", 2.5), "must be an integer"},
                {Map.of("kind", "lines", "path", "a.py", "start", 1L << 40), "must be an integer"},
                {Map.of("kind", "lines", "path", "a.py", "start", 0), "1 <= start"},
                {Map.of("kind", "range", "path", "a.py", "start", List.of(1), "end", List.of(1, 2)), "must be [line, column]"},
                {Map.of("kind", "range", "path", "a.py", "start", List.of(2, 1), "end", List.of(1, 1)), "ends before it starts"},
                {Map.of("kind", "symbol", "path", "a.py", "name", "a b"), "dotted Python name"},
                {Map.of("kind", "symbol", "path", "a.py", "name", "f", "part", "sig"), "\"def\" or \"body\""},
                {Map.of("kind", "anchor", "path", "a.py", "text", "x", "occurrence", 0), "counts from 1"},
                {Map.of("kind", "anchor", "path", "", "text", "x"), "the path is empty"},
        };
        for (Object[] c : cases) {
            SelectorException e = assertThrows(SelectorException.class, () -> SelectorSpec.fromMap((Map<?, ?>) c[0]));
            assertEquals(SelectorException.Kind.BAD_SELECTOR, e.kind());
            assertTrue(e.getMessage().contains((String) c[1]), () -> c[0] + " -> " + e.getMessage());
        }
        assertThrows(SelectorException.class, () -> SelectorSpec.from(42));
        assertThrows(SelectorException.class, () -> SelectorSpec.from(null));
    }

    @Test
    void schemaNamesBothForms() {
        String schema = Json.write(SelectorSpec.jsonSchema());
        assertTrue(schema.contains("\"oneOf\""), schema);
        assertTrue(schema.contains("\"enum\":[\"lines\",\"range\",\"symbol\",\"anchor\"]"), schema);
    }
}
