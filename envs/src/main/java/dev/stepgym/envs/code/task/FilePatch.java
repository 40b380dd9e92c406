package dev.stepgym.envs.code.task;

import java.util.List;
import java.util.Objects;

/**
 * The part of a unified diff that changes one file.
 *
 * <pre>{@code
 * FilePatch p = UnifiedDiff.parse(patchText).get(0);
 * if (p.change() == FilePatch.Change.MODIFY) { String updated = UnifiedDiff.apply(original, p); }
 * }</pre>
 *
 * @param path   the file's path relative to the repository root, with the {@code a/} / {@code b/}
 *               prefixes removed, always with {@code /} separators
 * @param change whether the file is created, modified or deleted
 * @param hunks  the hunks in file order; empty for an empty new or deleted file
 */
public record FilePatch(String path, Change change, List<Hunk> hunks) {

    /** What the patch does to the file. */
    public enum Change {
        /** The file did not exist ({@code --- /dev/null}). */
        CREATE,
        /** The file exists before and after. */
        MODIFY,
        /** The file is removed ({@code +++ /dev/null}). */
        DELETE
    }

    public FilePatch {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(change, "change");
        hunks = List.copyOf(Objects.requireNonNull(hunks, "hunks"));
    }
}
