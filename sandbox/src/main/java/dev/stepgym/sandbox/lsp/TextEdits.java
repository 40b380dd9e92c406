package dev.stepgym.sandbox.lsp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The edits of a server-computed change (a rename), per file: paths relative to the workspace
 * root in sorted order, each file's edits sorted by range, all ranges against the text the server
 * had before the change (apply them from the last to the first).
 *
 * <pre>{@code
 * TextEdits edits = session.rename("util.py", 0, 4, "shout");
 * edits.byPath().keySet();   // [main.py, util.py]
 * edits.editCount();         // 3
 * }</pre>
 */
public record TextEdits(SortedMap<String, List<Edit>> byPath) {
    /** Replace {@code range} by {@code newText}. */
    public record Edit(SourceRange range, String newText) {
    }

    public static final TextEdits NONE = new TextEdits(new TreeMap<>());

    public TextEdits {
        TreeMap<String, List<Edit>> copy = new TreeMap<>();
        for (Map.Entry<String, List<Edit>> entry : byPath.entrySet()) {
            List<Edit> edits = new ArrayList<>(entry.getValue());
            edits.sort((a, b) -> a.range().compareTo(b.range()));
            copy.put(entry.getKey(), List.copyOf(edits));
        }
        byPath = Collections.unmodifiableSortedMap(copy);
    }

    public boolean isEmpty() {
        return byPath.isEmpty();
    }

    public int editCount() {
        return byPath.values().stream().mapToInt(List::size).sum();
    }
}
