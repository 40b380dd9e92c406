package dev.stepgym.envs.code.edit;

/**
 * Finds where a Python {@code def}/{@code class} header ends, so a symbol's body can be told from its
 * signature. A small scanner, not a parser: it skips comments and string literals and tracks bracket
 * depth, so colons inside parameter annotations, defaults, lambdas or decorator arguments do not count.
 */
final class PythonDefinitions {
    private PythonDefinitions() {
    }

    /**
     * The offset just after the colon that ends the first {@code def} or {@code class} header in
     * {@code text[from, to)}, or -1 when there is none (the symbol is a variable, say).
     */
    static int headerEnd(String text, int from, int to) {
        int depth = 0;
        boolean inHeader = false;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c == '#') {
                while (i < to && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                i = skipString(text, i, to);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && Character.isJavaIdentifierStart(c)) {
                int end = i;
                while (end < to && Character.isJavaIdentifierPart(text.charAt(end))) {
                    end++;
                }
                String word = text.substring(i, end);
                if (!inHeader && (word.equals("def") || word.equals("class"))) {
                    inHeader = true;
                }
                i = end;
                continue;
            } else if (c == ':' && depth == 0 && inHeader) {
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    /** The offset after the string literal opening at {@code start} (single or triple quoted). */
    private static int skipString(String text, int start, int to) {
        char quote = text.charAt(start);
        boolean triple = start + 2 < to && text.charAt(start + 1) == quote && text.charAt(start + 2) == quote;
        int i = start + (triple ? 3 : 1);
        while (i < to) {
            char c = text.charAt(i);
            if (c == '\\') {
                // A backslash keeps the next character from closing the string, in raw strings too.
                i += 2;
                continue;
            }
            if (c == quote) {
                if (!triple) {
                    return i + 1;
                }
                if (i + 2 < to && text.charAt(i + 1) == quote && text.charAt(i + 2) == quote) {
                    return i + 3;
                }
            } else if (!triple && (c == '\n' || c == '\r')) {
                return i;   // an unterminated one-line string ends at the line break
            }
            i++;
        }
        return to;
    }
}
