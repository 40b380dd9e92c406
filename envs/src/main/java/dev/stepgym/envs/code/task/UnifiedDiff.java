package dev.stepgym.envs.code.task;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads, applies and writes unified diffs in git's format ({@code a/} and {@code b/} prefixes,
 * {@code /dev/null} for created and deleted files, {@code \ No newline at end of file}). Applying follows
 * {@code git apply}'s rules ({@link PatchImage}): a hunk may sit at an offset from its stated line
 * (searched nearest first, both ways), but its context and removed lines must match exactly (no
 * fuzz, whitespace included), so a patch either applies as git would apply it or fails with an
 * {@link IllegalArgumentException} that names the file and the hunk. Binary patches, renames and
 * copies are refused.
 *
 * <pre>{@code
 * List<FilePatch> patches = UnifiedDiff.parse(Files.readString(taskDir.resolve("reference.patch")));
 * String fixed = UnifiedDiff.apply(Files.readString(repo.resolve("pkg/mod.py")), patches.get(0));
 * Map<String, String> after = UnifiedDiff.applyAll(repo, patchText);   // path -> new text, null = deleted
 * String patch = UnifiedDiff.diff("pkg/mod.py", before, after.get("pkg/mod.py"));
 * }</pre>
 */
public final class UnifiedDiff {
    /** Lines of context {@link #diff} writes around each change, as {@code git diff} does. */
    public static final int CONTEXT_LINES = 3;

    private static final Pattern HUNK_HEADER = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*$");
    private static final String NO_NEWLINE = "\\ No newline at end of file";
    private static final String DEV_NULL = "/dev/null";

    private UnifiedDiff() {
    }

    /**
     * Parses every file section of {@code patch}. Text before the first section (a commit message)
     * is skipped.
     *
     * @throws IllegalArgumentException when a section is malformed, binary, a rename or copy, names an
     *                                  absolute or {@code ..} path, or a file appears twice
     */
    public static List<FilePatch> parse(String patch) {
        if (patch == null) {
            throw new IllegalArgumentException("patch is null");
        }
        return new Parser(patch).parse();
    }

    /**
     * Applies one file's patch to that file's text.
     *
     * @param original the file's text; {@code null} (or empty) when the patch creates the file
     * @return the new text, or {@code null} when the patch deletes the file
     * @throws IllegalArgumentException when a hunk matches nowhere (context and removed lines exact, at
     *                                  its line or an offset, not over lines an earlier hunk wrote), a
     *                                  created file exists, or a modified one does not
     */
    public static String apply(String original, FilePatch patch) {
        String path = patch.path();
        if (patch.change() == FilePatch.Change.CREATE && original != null && !original.isEmpty()) {
            throw new IllegalArgumentException(path + ": the patch creates the file but it already exists");
        }
        if (patch.change() != FilePatch.Change.CREATE && original == null) {
            throw new IllegalArgumentException(path + ": the patch changes the file but it does not exist");
        }
        PatchImage image = new PatchImage(LineDiff.lines(original == null ? "" : original));
        for (int h = 0; h < patch.hunks().size(); h++) {
            Hunk hunk = patch.hunks().get(h);
            image.apply(hunk, path + ", hunk #" + (h + 1) + " (" + hunk.header() + ")");
        }
        String out = image.text();
        if (patch.change() == FilePatch.Change.DELETE) {
            if (!out.isEmpty()) {
                throw new IllegalArgumentException(path + ": the patch deletes the file but leaves "
                        + LineDiff.lines(out).size() + " of its lines");
            }
            return null;
        }
        return out;
    }

    /**
     * Applies {@code patch} to the files under {@code repoRoot} in memory; nothing is written.
     *
     * @return new full text per path, in patch order; a deleted file maps to {@code null}
     * @throws IllegalArgumentException when the patch does not parse or apply, a path leaves the root
     *                                  (through {@code ..} or a symbolic link) or points into {@code .git},
     *                                  or a file is not UTF-8 text
     */
    public static Map<String, String> applyAll(Path repoRoot, String patch) {
        Path root;
        try {
            root = repoRoot.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("repository root " + repoRoot + " cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (FilePatch filePatch : parse(patch)) {
            if (filePatch.path().equals(".git") || filePatch.path().startsWith(".git/")) {
                throw new IllegalArgumentException(filePatch.path() + ": patches may not touch .git");
            }
            Path file = root.resolve(filePatch.path()).normalize();
            String original = read(root, file, filePatch.path());
            result.put(filePatch.path(), apply(original, filePatch));
        }
        return Collections.unmodifiableMap(result);
    }

    /**
     * Writes the git-format patch that turns {@code before} into {@code after} for one file, with
     * {@value #CONTEXT_LINES} lines of context.
     *
     * @param before the old text, or {@code null} when the file is created
     * @param after  the new text, or {@code null} when the file is deleted
     * @return the patch; empty when the texts are equal
     */
    public static String diff(String path, String before, String after) {
        checkPath(path, path);
        if (before == null && after == null) {
            throw new IllegalArgumentException(path + ": a diff needs at least one side");
        }
        if (before != null && before.equals(after)) {
            return "";
        }
        StringBuilder out = new StringBuilder("diff --git a/" + path + " b/" + path + "\n");
        if (before == null) {
            out.append("new file mode 100644\n");
        } else if (after == null) {
            out.append("deleted file mode 100644\n");
        }
        List<String> oldLines = LineDiff.lines(before == null ? "" : before);
        List<String> newLines = LineDiff.lines(after == null ? "" : after);
        if (oldLines.isEmpty() && newLines.isEmpty()) {
            return out.toString(); // an empty file created or deleted: git writes no ---/+++ lines
        }
        out.append("--- ").append(before == null ? DEV_NULL : "a/" + path).append('\n');
        out.append("+++ ").append(after == null ? DEV_NULL : "b/" + path).append('\n');
        writeHunks(LineDiff.edits(oldLines, newLines), out);
        return out.toString();
    }

    private static void writeHunks(List<LineDiff.Edit> edits, StringBuilder out) {
        int size = edits.size();
        int[] oldBefore = new int[size + 1];
        int[] newBefore = new int[size + 1];
        for (int k = 0; k < size; k++) {
            Hunk.Op op = edits.get(k).op();
            oldBefore[k + 1] = oldBefore[k] + (op == Hunk.Op.INSERT ? 0 : 1);
            newBefore[k + 1] = newBefore[k] + (op == Hunk.Op.DELETE ? 0 : 1);
        }
        int k = 0;
        while (k < size) {
            if (edits.get(k).op() == Hunk.Op.CONTEXT) {
                k++;
                continue;
            }
            int lastChange = k;
            int scan = k + 1;
            // Changes closer than twice the context share one hunk, as in git.
            while (scan < size && scan <= lastChange + 2 * CONTEXT_LINES + 1) {
                if (edits.get(scan).op() != Hunk.Op.CONTEXT) {
                    lastChange = scan;
                }
                scan++;
            }
            int from = Math.max(0, k - CONTEXT_LINES);
            int to = Math.min(size, lastChange + CONTEXT_LINES + 1);
            int oldCount = oldBefore[to] - oldBefore[from];
            int newCount = newBefore[to] - newBefore[from];
            int oldStart = oldCount == 0 ? oldBefore[from] : oldBefore[from] + 1;
            int newStart = newCount == 0 ? newBefore[from] : newBefore[from] + 1;
            out.append(new Hunk(oldStart, oldCount, newStart, newCount, List.of()).header()).append('\n');
            for (int e = from; e < to; e++) {
                LineDiff.Edit edit = edits.get(e);
                char mark = switch (edit.op()) {
                    case CONTEXT -> ' ';
                    case DELETE -> '-';
                    case INSERT -> '+';
                };
                out.append(mark).append(edit.text());
                if (!edit.text().endsWith("\n")) {
                    out.append('\n').append(NO_NEWLINE).append('\n');
                }
            }
            k = to;
        }
    }

    private static String read(Path root, Path file, String path) {
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException(path + ": leaves the repository root");
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(root)) {
                throw new IllegalArgumentException(path + ": a symbolic link leads out of the repository root");
            }
            if (!Files.isRegularFile(real)) {
                throw new IllegalArgumentException(path + ": is not a regular file");
            }
            byte[] bytes = Files.readAllBytes(real);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(path + ": is not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot be read: " + e.getMessage(), e);
        }
    }

    static void checkPath(String path, String where) {
        if (path.isEmpty() || path.startsWith("/") || path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0
                || path.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException(where + ": path " + quote(path) + " must be relative, with / separators");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(where + ": path " + quote(path) + " has an empty, '.' or '..' segment");
            }
        }
    }

    static String quote(String line) {
        String shown = line.length() > 120 ? line.substring(0, 120) + "..." : line;
        return "'" + shown.replace("\n", "\\n").replace("\r", "\\r") + "'";
    }

    /** One pass over the patch text; {@code at} is the index of the next unread line. */
    private static final class Parser {
        private final List<String> lines;
        private final List<FilePatch> result = new ArrayList<>();
        private final Map<String, Boolean> seen = new LinkedHashMap<>();
        private int at;

        Parser(String patch) {
            // Keep '\r' inside body lines (CRLF files stay CRLF) but split on '\n' only.
            List<String> split = new ArrayList<>();
            for (String line : LineDiff.lines(patch)) {
                split.add(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
            }
            this.lines = split;
        }

        List<FilePatch> parse() {
            while (at < lines.size()) {
                String line = lines.get(at);
                if (line.startsWith("diff --git ")) {
                    gitSection();
                } else if (line.startsWith("--- ") && at + 1 < lines.size() && lines.get(at + 1).startsWith("+++ ")) {
                    fileBody(null, null);
                } else if (line.startsWith("@@ ")) {
                    throw new IllegalArgumentException("line " + (at + 1) + ": hunk without a ---/+++ file header");
                } else {
                    at++;
                }
            }
            return List.copyOf(result);
        }

        private void gitSection() {
            String header = stripCr(lines.get(at));
            at++;
            FilePatch.Change change = FilePatch.Change.MODIFY;
            while (at < lines.size()) {
                String line = stripCr(lines.get(at));
                if (line.startsWith("diff --git ") || line.startsWith("--- ") || line.startsWith("@@ ")) {
                    break;
                }
                if (line.startsWith("new file mode")) {
                    change = FilePatch.Change.CREATE;
                } else if (line.startsWith("deleted file mode")) {
                    change = FilePatch.Change.DELETE;
                } else if (line.startsWith("Binary files") || line.startsWith("GIT binary patch")) {
                    throw new IllegalArgumentException("line " + (at + 1) + ": binary patches are not supported (" + header + ")");
                } else if (line.startsWith("rename ") || line.startsWith("copy ")) {
                    throw new IllegalArgumentException("line " + (at + 1) + ": renames and copies are not supported (" + header + ")");
                }
                at++;
            }
            if (at < lines.size() && lines.get(at).startsWith("--- ")) {
                fileBody(change, header);
            } else if (change != FilePatch.Change.MODIFY) {
                // An empty file created or deleted has no ---/+++ lines: take the path from the header.
                add(new FilePatch(pathFromGitHeader(header), change, List.of()));
            } // else: a mode-only change, nothing to do to the text
        }

        private void fileBody(FilePatch.Change declared, String gitHeader) {
            int headerLine = at + 1;
            if (at + 1 >= lines.size() || !lines.get(at + 1).startsWith("+++ ")) {
                throw new IllegalArgumentException("line " + headerLine + ": '---' is not followed by '+++'");
            }
            String oldPath = filePath(lines.get(at), "a/");
            String newPath = filePath(lines.get(at + 1), "b/");
            at += 2;
            FilePatch.Change change;
            String path;
            if (oldPath == null && newPath == null) {
                throw new IllegalArgumentException("line " + headerLine + ": both sides are /dev/null");
            } else if (oldPath == null) {
                change = FilePatch.Change.CREATE;
                path = newPath;
            } else if (newPath == null) {
                change = FilePatch.Change.DELETE;
                path = oldPath;
            } else if (!oldPath.equals(newPath)) {
                throw new IllegalArgumentException("line " + headerLine + ": renames are not supported (" + oldPath + " -> " + newPath + ")");
            } else {
                change = FilePatch.Change.MODIFY;
                path = newPath;
            }
            if (declared != null && declared != FilePatch.Change.MODIFY && declared != change) {
                throw new IllegalArgumentException("line " + headerLine + ": " + gitHeader + " says " + declared
                        + " but the ---/+++ lines say " + change);
            }
            checkPath(path, "line " + headerLine);
            List<Hunk> hunks = new ArrayList<>();
            while (at < lines.size() && lines.get(at).startsWith("@@")) {
                hunks.add(hunk(path, hunks.size() + 1));
            }
            if (at < lines.size() && looksLikeBodyLine(lines.get(at))) {
                throw new IllegalArgumentException(path + ", hunk #" + hunks.size() + ": more lines than its counts say, at line " + (at + 1));
            }
            if (hunks.isEmpty() && change == FilePatch.Change.MODIFY) {
                throw new IllegalArgumentException(path + ": file header at line " + headerLine + " has no hunk");
            }
            add(new FilePatch(path, change, hunks));
        }

        private Hunk hunk(String path, int number) {
            String header = stripCr(lines.get(at));
            Matcher m = HUNK_HEADER.matcher(header);
            if (!m.matches()) {
                throw new IllegalArgumentException(path + ", hunk #" + number + ": malformed header " + quote(header) + " at line " + (at + 1));
            }
            int oldStart = number(m.group(1), path);
            int oldCount = m.group(2) == null ? 1 : number(m.group(2), path);
            int newStart = number(m.group(3), path);
            int newCount = m.group(4) == null ? 1 : number(m.group(4), path);
            at++;
            List<Hunk.Line> body = new ArrayList<>();
            int oldLeft = oldCount;
            int newLeft = newCount;
            while (oldLeft > 0 || newLeft > 0) {
                if (at >= lines.size()) {
                    throw new IllegalArgumentException(path + ", hunk #" + number + " (" + header + "): the patch ends "
                            + oldLeft + " old and " + newLeft + " new lines early");
                }
                String line = lines.get(at);
                Hunk.Op op;
                String text;
                if (line.isEmpty()) {
                    op = Hunk.Op.CONTEXT; // some editors strip the single space of an empty context line
                    text = "";
                } else if (line.startsWith(NO_NEWLINE.substring(0, 2))) {
                    dropNewline(body, path, number);
                    at++;
                    continue;
                } else {
                    op = switch (line.charAt(0)) {
                        case ' ' -> Hunk.Op.CONTEXT;
                        case '-' -> Hunk.Op.DELETE;
                        case '+' -> Hunk.Op.INSERT;
                        default -> throw new IllegalArgumentException(path + ", hunk #" + number + " (" + header + "): line "
                                + (at + 1) + " " + quote(line) + " starts with neither ' ', '-' nor '+'");
                    };
                    text = line.substring(1);
                }
                if (op != Hunk.Op.INSERT && oldLeft-- == 0 || op != Hunk.Op.DELETE && newLeft-- == 0) {
                    throw new IllegalArgumentException(path + ", hunk #" + number + " (" + header + "): more lines than its counts say, at line " + (at + 1));
                }
                body.add(new Hunk.Line(op, text + "\n"));
                at++;
            }
            if (at < lines.size() && lines.get(at).startsWith(NO_NEWLINE.substring(0, 2))) {
                dropNewline(body, path, number);
                at++;
            }
            return new Hunk(oldStart, oldCount, newStart, newCount, body);
        }

        /** A body line after the counts ran out: the counts are wrong (the "-- " line ends a mailed patch). */
        private boolean looksLikeBodyLine(String line) {
            if (line.startsWith("--- ") && at + 1 < lines.size() && lines.get(at + 1).startsWith("+++ ")) {
                return false;
            }
            return (line.startsWith("+") || line.startsWith("-") || line.startsWith(" ")) && !stripCr(line).equals("-- ");
        }

        private static void dropNewline(List<Hunk.Line> body, String path, int number) {
            if (body.isEmpty()) {
                throw new IllegalArgumentException(path + ", hunk #" + number + ": '\\ No newline' before any line");
            }
            Hunk.Line last = body.remove(body.size() - 1);
            body.add(new Hunk.Line(last.op(), last.text().substring(0, last.text().length() - 1)));
        }

        private void add(FilePatch patch) {
            if (seen.put(patch.path(), Boolean.TRUE) != null) {
                throw new IllegalArgumentException(patch.path() + ": appears twice in the patch");
            }
            result.add(patch);
        }

        private static int number(String digits, String path) {
            try {
                return Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(path + ": line number " + digits + " is too large", e);
            }
        }

        /** The path of a {@code ---}/{@code +++} line, or {@code null} for /dev/null. */
        private String filePath(String line, String prefix) {
            String raw = stripCr(line).substring(4);
            int tab = raw.indexOf('\t');
            if (tab >= 0) {
                raw = raw.substring(0, tab); // "--- a/x.py\t2024-01-01 ..." from diff -u
            }
            if (raw.startsWith("\"")) {
                throw new IllegalArgumentException("line " + (at + 1) + ": quoted paths are not supported: " + raw);
            }
            if (raw.equals(DEV_NULL)) {
                return null;
            }
            return raw.startsWith(prefix) ? raw.substring(prefix.length()) : raw;
        }

        private String pathFromGitHeader(String header) {
            String rest = header.substring("diff --git ".length());
            int split = rest.indexOf(" b/");
            if (!rest.startsWith("a/") || split < 0) {
                throw new IllegalArgumentException("line " + at + ": cannot read the path of " + quote(header));
            }
            String path = rest.substring(split + 3);
            checkPath(path, "line " + at);
            return path;
        }

        private static String stripCr(String line) {
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }
    }
}
