package dev.stepgym.envs.code.edit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Resolves a {@link Selector} against the current text of its file into a {@link Resolution}: a range
 * in LSP coordinates and the confidence {@code α_t} that Lanser's process reward uses.
 *
 * <p>Rules, in order:
 * <ul>
 * <li>lines, ranges and cursors resolve exactly (confidence {@value Resolution#EXACT}) or fail with
 *     {@code OUT_OF_RANGE};</li>
 * <li>a symbol matches by its full dotted name (confidence {@value Resolution#EXACT}); only when none
 *     does, by a suffix of whole segments ({@code run} or {@code B.run} for {@code A.B.run}, confidence
 *     {@value Resolution#PARTIAL});</li>
 * <li>an anchor matches verbatim ({@value Resolution#EXACT}); only when it occurs nowhere, after
 *     collapsing whitespace runs on both sides ({@value Resolution#PARTIAL});</li>
 * <li>several matches at the deciding step are {@code AMBIGUOUS} unless {@code occurrence} picks one
 *     (in document order; the confidence stays that of the step, and the others become
 *     {@link Resolution#alternatives()}); no match is {@code NOT_FOUND}, with the nearest names or the
 *     lines sharing the anchor's longest word as candidates.</li>
 * </ul>
 *
 * <pre>{@code
 * Resolution r = SelectorResolver.resolve(Selector.parse("anchor://app.py#\"return x\""), text, SymbolSource.none());
 * String edited = TextEdit.apply(text, r.range(), "return y", TextEdit.DEFAULT_MAX_CHARS);
 * }</pre>
 */
public final class SelectorResolver {
    /** Matches beyond this many are not collected: the selector is ambiguous either way. */
    static final int MAX_MATCHES = 1000;
    private static final int MAX_HINTS = 20;

    private SelectorResolver() {
    }

    /**
     * @param fileText the file's current text (the file at {@link Selector#path()})
     * @param symbols  where symbol selectors look names up; only asked for symbol selectors
     */
    public static Resolution resolve(Selector selector, String fileText, SymbolSource symbols) throws SelectorException {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(fileText, "fileText");
        Objects.requireNonNull(symbols, "symbols");
        LineIndex lines = LineIndex.of(fileText);
        if (selector instanceof LineSelector s) {
            return exact(lines(lines, s));
        }
        if (selector instanceof RangeSelector s) {
            TextRange range = new TextRange(s.startLine() - 1, s.startColumn() - 1, s.endLine() - 1, s.endColumn() - 1);
            lines.offsets(range);
            return exact(range);
        }
        if (selector instanceof SymbolSelector s) {
            return symbol(lines, s, symbols.symbols(s.path()));
        }
        return anchor(lines, (AnchorSelector) selector);
    }

    private static Resolution exact(TextRange range) {
        return new Resolution(range, Resolution.EXACT, List.of());
    }

    private static TextRange lines(LineIndex lines, LineSelector s) throws SelectorException {
        int last = s.endLine() - 1;
        if (last >= lines.lineCount()) {
            throw new SelectorException(SelectorException.Kind.OUT_OF_RANGE, "line " + s.endLine()
                    + " is outside the file, which has " + lines.lineCount() + " line" + (lines.lineCount() == 1 ? "" : "s"));
        }
        return new TextRange(s.startLine() - 1, 0, last, lines.lineLength(last));
    }

    // ---- symbols

    private static Resolution symbol(LineIndex lines, SymbolSelector s, List<SymbolRange> all) throws SelectorException {
        List<SymbolRange> known = all == null ? List.of() : all;
        List<Candidate> exact = new ArrayList<>();
        List<Candidate> suffix = new ArrayList<>();
        String dottedTail = "." + s.name();
        for (SymbolRange symbol : known) {
            if (symbol.qualifiedName().equals(s.name())) {
                exact.add(new Candidate(symbol.qualifiedName(), symbol.range()));
            } else if (symbol.qualifiedName().endsWith(dottedTail)) {
                suffix.add(new Candidate(symbol.qualifiedName(), symbol.range()));
            }
        }
        boolean isExact = !exact.isEmpty();
        List<Candidate> matches = sorted(isExact ? exact : suffix);
        if (matches.isEmpty()) {
            List<Candidate> near = nearestNames(s.name(), known);
            throw new SelectorException(SelectorException.Kind.NOT_FOUND, "no symbol " + s.name() + " in " + s.path()
                    + (near.isEmpty() ? " (the file has no symbols)" : "; nearest: " + SelectorException.listed(near)), near);
        }
        Picked picked = pick(matches, s.occurrence(), "symbol " + s.name() + " in " + s.path(),
                "write the qualified name or add ?occurrence=N");
        TextRange range = picked.chosen().range();
        try {
            lines.offsets(range);
        } catch (SelectorException e) {
            throw new SelectorException(SelectorException.Kind.OUT_OF_RANGE, "symbol " + picked.chosen().label()
                    + " at " + range.display() + " lies outside the current text of " + s.path()
                    + " (the symbol index is older than the file): " + e.getMessage());
        }
        if (s.part() == SymbolPart.BODY) {
            range = body(lines, picked.chosen());
        }
        return new Resolution(range, isExact ? Resolution.EXACT : Resolution.PARTIAL, picked.alternatives());
    }

    private static TextRange body(LineIndex lines, Candidate symbol) throws SelectorException {
        int[] span = lines.offsets(symbol.range());
        String text = lines.text();
        int headerEnd = PythonDefinitions.headerEnd(text, span[0], span[1]);
        if (headerEnd < 0) {
            throw new SelectorException(SelectorException.Kind.BAD_SELECTOR, "symbol " + symbol.label()
                    + " has no body: it is not a def or class; select it whole (without :body)");
        }
        TextRange header = lines.position(headerEnd);
        String restOfLine = lines.line(header.startLine()).substring(header.startColumn()).strip();
        int bodyStart;
        if (restOfLine.isEmpty() || restOfLine.startsWith("#")) {
            int next = header.startLine() + 1;
            bodyStart = next < lines.lineCount() ? lines.offset(next, 0) : span[1];
        } else {
            // A one-line definition, "def f(): return 1": the body is the text after the colon.
            bodyStart = headerEnd;
            while (bodyStart < span[1] && (text.charAt(bodyStart) == ' ' || text.charAt(bodyStart) == '\t')) {
                bodyStart++;
            }
        }
        return lines.range(Math.min(bodyStart, span[1]), span[1]);
    }

    private static List<Candidate> nearestNames(String name, List<SymbolRange> known) {
        String wanted = lastSegment(name);
        return known.stream()
                .sorted(Comparator.<SymbolRange>comparingInt(sym -> editDistance(wanted, lastSegment(sym.qualifiedName())))
                        .thenComparing(SymbolRange::qualifiedName)
                        .thenComparingInt(SymbolRange::startLine))
                .limit(MAX_HINTS)
                .map(sym -> new Candidate(sym.qualifiedName(), sym.range()))
                .toList();
    }

    private static String lastSegment(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    /** Levenshtein distance, on at most 64 characters of each side: enough to rank suggestions. */
    private static int editDistance(String a, String b) {
        String x = a.length() > 64 ? a.substring(0, 64) : a;
        String y = b.length() > 64 ? b.substring(0, 64) : b;
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }

    // ---- anchors

    private static Resolution anchor(LineIndex lines, AnchorSelector s) throws SelectorException {
        String text = lines.text();
        String needle = s.text();
        if (lines.lineSeparator().equals("\r\n")) {
            needle = needle.replace("\r\n", "\n").replace("\n", "\r\n");
        }
        List<Candidate> matches = new ArrayList<>();
        int length = needle.length();
        LiteralSearch.forEach(text, needle, at -> {
            matches.add(anchorCandidate(lines, at, at + length));
            return matches.size() < MAX_MATCHES;
        });
        double confidence = Resolution.EXACT;
        if (matches.isEmpty()) {
            matches.addAll(normalisedMatches(lines, s.text()));
            confidence = Resolution.PARTIAL;
        }
        if (matches.isEmpty()) {
            List<Candidate> hints = linesSharingLongestWord(lines, s.text());
            throw new SelectorException(SelectorException.Kind.NOT_FOUND, "anchor " + SelectorParser.quote(s.text())
                    + " occurs nowhere in " + s.path() + ", not even with whitespace collapsed"
                    + (hints.isEmpty() ? "" : "; lines with similar text: " + SelectorException.listed(hints)), hints);
        }
        Picked picked = pick(matches, s.occurrence(), "anchor " + SelectorParser.quote(s.text()) + " in " + s.path(),
                "lengthen the anchor or add ?occurrence=N");
        return new Resolution(picked.chosen().range(), confidence, picked.alternatives());
    }

    /** Matches after collapsing each whitespace run to one space, mapped back to the original offsets. */
    private static List<Candidate> normalisedMatches(LineIndex lines, String anchor) {
        String needle = collapse(anchor.strip(), null);
        String text = lines.text();
        int[] origin = new int[text.length()];
        String haystack = collapse(text, origin);
        List<Candidate> matches = new ArrayList<>();
        int last = needle.length() - 1;
        LiteralSearch.forEach(haystack, needle, at -> {
            // The needle starts and ends with non-whitespace, so both ends map to real characters.
            matches.add(anchorCandidate(lines, origin[at], origin[at + last] + 1));
            return matches.size() < MAX_MATCHES;
        });
        return matches;
    }

    private static String collapse(String s, int[] origin) {
        StringBuilder out = new StringBuilder(s.length());
        boolean inSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inSpace) {
                    continue;
                }
                inSpace = true;
                c = ' ';
            } else {
                inSpace = false;
            }
            if (origin != null) {
                origin[out.length()] = i;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static Candidate anchorCandidate(LineIndex lines, int start, int end) {
        TextRange range = lines.range(start, end);
        return new Candidate(excerpt(lines.line(range.startLine())), range);
    }

    private static List<Candidate> linesSharingLongestWord(LineIndex lines, String anchor) {
        String longest = "";
        for (String word : anchor.split("[^\\p{L}\\p{N}_]+")) {
            if (word.length() > longest.length()) {
                longest = word;
            }
        }
        List<Candidate> hints = new ArrayList<>();
        if (longest.isEmpty()) {
            return hints;
        }
        int length = longest.length();
        LiteralSearch.forEach(lines.text(), longest, at -> {
            TextRange range = lines.range(at, at + length);
            if (hints.isEmpty() || hints.get(hints.size() - 1).range().startLine() != range.startLine()) {
                hints.add(new Candidate(excerpt(lines.line(range.startLine())), range));
            }
            return hints.size() < MAX_HINTS;
        });
        return hints;
    }

    private static String excerpt(String line) {
        String trimmed = line.strip();
        return "\"" + (trimmed.length() > 80 ? trimmed.substring(0, 80) + "…" : trimmed) + "\"";
    }

    // ---- choosing among matches

    private record Picked(Candidate chosen, List<Candidate> alternatives) {
    }

    private static Picked pick(List<Candidate> matches, int occurrence, String what, String advice) throws SelectorException {
        String count = matches.size() >= MAX_MATCHES ? "at least " + MAX_MATCHES : String.valueOf(matches.size());
        if (occurrence > 0) {
            if (occurrence > matches.size()) {
                throw new SelectorException(SelectorException.Kind.NOT_FOUND, "occurrence " + occurrence + " of " + what
                        + " was asked for, but only " + count + " match: " + SelectorException.listed(matches), matches);
            }
            List<Candidate> others = new ArrayList<>(matches);
            Candidate chosen = others.remove(occurrence - 1);
            return new Picked(chosen, others);
        }
        if (matches.size() > 1) {
            throw new SelectorException(SelectorException.Kind.AMBIGUOUS, what + " is ambiguous: " + count
                    + " match: " + SelectorException.listed(matches) + "; " + advice, matches);
        }
        return new Picked(matches.get(0), List.of());
    }

    private static List<Candidate> sorted(List<Candidate> candidates) {
        candidates.sort(Comparator.<Candidate>comparingInt(c -> c.range().startLine())
                .thenComparingInt(c -> c.range().startColumn())
                .thenComparing(Candidate::label));
        return candidates;
    }
}
