package dev.stepgym.sandbox.git;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One file of a change: its new bytes, or null to delete it.
 *
 * <pre>{@code
 * List<FileEdit> change = List.of(
 *         FileEdit.write("pkg/util.py", "def f():\n    return 1\n"),
 *         FileEdit.delete("pkg/old.py"));
 * }</pre>
 *
 * @param path workspace-relative path, checked by the jail when applied
 * @param newContent the whole new file, or null for a deletion
 */
public record FileEdit(String path, byte[] newContent) {

    public FileEdit {
        Objects.requireNonNull(path, "path");
        newContent = newContent == null ? null : newContent.clone();
    }

    public static FileEdit write(String path, String text) {
        return new FileEdit(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public static FileEdit write(String path, byte[] bytes) {
        return new FileEdit(path, Objects.requireNonNull(bytes, "bytes"));
    }

    public static FileEdit delete(String path) {
        return new FileEdit(path, null);
    }

    public boolean isDelete() {
        return newContent == null;
    }

    @Override
    public byte[] newContent() {
        return newContent == null ? null : newContent.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileEdit other && path.equals(other.path) && Arrays.equals(newContent, other.newContent);
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + Arrays.hashCode(newContent);
    }

    @Override
    public String toString() {
        return "FileEdit[" + path + (newContent == null ? ", delete]" : ", " + newContent.length + " bytes]");
    }
}
