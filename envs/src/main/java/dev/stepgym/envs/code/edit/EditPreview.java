package dev.stepgym.envs.code.edit;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A unified diff of one file before and after an edit, what an agent sees before (or instead of)
 * applying it. Deterministic: JGit's histogram diff with 3 lines of context, headers {@code --- a/path}
 * and {@code +++ b/path}, no timestamps; an unchanged file gives an empty diff.
 *
 * <pre>{@code
 * EditPreview p = EditPreview.of("app.py", "x = 1\n", "x = 2\n");
 * p.diff();   // "--- a/app.py\n+++ b/app.py\n@@ -1 +1 @@\n-x = 1\n+x = 2\n"
 * }</pre>
 *
 * @param linesAdded   lines only in the new text
 * @param linesRemoved lines only in the old text
 */
public record EditPreview(String path, String diff, int linesAdded, int linesRemoved) {
    public EditPreview {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(diff, "diff");
    }

    public static EditPreview of(String path, String before, String after) {
        Objects.requireNonNull(path, "path");
        RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        if (edits.isEmpty()) {
            return new EditPreview(path, "", 0, 0);
        }
        int added = 0;
        int removed = 0;
        for (Edit edit : edits) {
            added += edit.getLengthB();
            removed += edit.getLengthA();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = ("--- a/" + path + "\n+++ b/" + path + "\n").getBytes(StandardCharsets.UTF_8);
        out.writeBytes(header);
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setContext(3);
            formatter.format(edits, a, b);
        } catch (IOException e) {
            // Writing to memory does not fail; keep the signature free of IOException anyway.
            throw new UncheckedIOException(e);
        }
        return new EditPreview(path, out.toString(StandardCharsets.UTF_8), added, removed);
    }
}
