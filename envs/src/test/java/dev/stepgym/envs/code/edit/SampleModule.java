package dev.stepgym.envs.code.edit;

import java.util.List;

/** A hand-made Python module and the symbols a language server would report for it (0-based). */
final class SampleModule {
    static final String PATH = "pkg/m.py";

    /** Line lengths (0-based line: length) are written next to each line; tests rely on them. */
    static final String TEXT = String.join("\n",
            "import os",                                          // 0: 9
            "",                                                   // 1
            "@dataclass",                                         // 2: 10
            "class Loader:",                                      // 3: 13
            "    \"\"\"Loads things: files.\"\"\"",                 // 4: 30
            "    def load(self, path: str = \"a:b\") -> dict:",   // 5: 46
            "        return {\"p\": path}",                       // 6: 26
            "",                                                   // 7
            "    def run(self):  # go",                           // 8: 24
            "        return self.load(\"x\")",                    // 9: 29
            "",                                                   // 10
            "",                                                   // 11
            "class Runner:",                                      // 12: 13
            "    def run(self): return 1",                        // 13: 27
            "",                                                   // 14
            "",                                                   // 15
            "def load_data(",                                     // 16: 14
            "    path,",                                          // 17: 9
            "    mode: str = \"r\",",                             // 18: 20
            ") -> list:",                                         // 19: 10
            "    with open(path, mode) as f:",                    // 20: 31
            "        return f.readlines()",                       // 21: 28
            "");                                                  // 22: the empty line after the last break

    static final List<SymbolRange> SYMBOLS = List.of(
            new SymbolRange("os", 0, 7, 0, 9),
            new SymbolRange("Loader", 2, 0, 9, 29),
            new SymbolRange("Loader.load", 5, 4, 6, 26),
            new SymbolRange("Loader.run", 8, 4, 9, 29),
            new SymbolRange("Runner", 12, 0, 13, 27),
            new SymbolRange("Runner.run", 13, 4, 13, 27),
            new SymbolRange("load_data", 16, 0, 21, 28));

    static final SymbolSource SOURCE = path -> path.equals(PATH) ? SYMBOLS : List.of();

    private SampleModule() {
    }
}
