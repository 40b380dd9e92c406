package dev.stepgym.envs.code;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Copies a task's hidden files into a submit snapshot. The snapshot holds whatever the agent
 * left, symlinks included, and this copy runs with the server's rights: so no path component
 * is ever followed through a link. Whatever stands where a hidden file or its folders go (a
 * link, a file in place of a folder) is removed first; the hidden files always win.
 */
final class HiddenFiles {
    private HiddenFiles() {}

    static void copyInto(Path hiddenDir, Path snapshot) {
        try (Stream<Path> walk = Files.walk(hiddenDir)) {
            for (Path file : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                Path relative = hiddenDir.relativize(file);
                Path target = snapshot;
                for (int i = 0; i < relative.getNameCount() - 1; i++) {
                    target = target.resolve(relative.getName(i).toString());
                    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(target); // a link or a file where a folder belongs
                        Files.createDirectory(target);
                    }
                }
                target = target.resolve(relative.getFileName().toString());
                if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(target);
                }
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the hidden tests in: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
