package dev.stepgym.sandbox.process;

import dev.stepgym.sandbox.SandboxException;
import dev.stepgym.sandbox.SandboxException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The filesystem a sealed run sees, and the {@code sh} program that builds it inside the run's
 * own mount namespace ({@code seal.sh}, next to this class).
 *
 * <p>The run sees:
 *
 * <ul>
 *   <li>{@value #WORK_DIR}: its work directory, read-write, also its HOME and start directory;
 *   <li>{@code /usr} read-only, and {@code /bin}, {@code /lib}, {@code /lib64}, {@code /sbin} as
 *       the host has them (symlinks into {@code /usr} on a merged-usr system): the interpreter,
 *       its standard library and the shared libraries;
 *   <li>in {@code /etc} only what programs read at start-up: the loader cache, the time zone,
 *       Debian's alternatives, and a {@code passwd}/{@code group}/{@code hosts} of its own;
 *   <li>a private {@code /tmp} and {@code /dev/shm} (tmpfs, gone with the run), a {@code /dev}
 *       with null, zero, full, random and urandom only, and a {@code /proc} of its own PID
 *       namespace, where it is PID 1 and no process of the server exists.
 * </ul>
 *
 * <p>Nothing else of the host is mounted: not the server's working directory, its cache
 * ({@code stepgym.cache.dir}), task suites, hidden tests, reference patches, record directory,
 * other workspaces, {@code /root}, {@code /home} or {@code /sys}. The host root is detached
 * after {@code pivot_root}, so {@code /proc/1/root} and {@code ..} lead nowhere but here.
 */
final class SealedRoot {
    /** Where the work directory appears inside the sealed root. */
    static final String WORK_DIR = "/workspace";
    static final String TMPFS_SIZE = "256m";
    private static final List<String> DEVICES = List.of("null", "zero", "full", "random", "urandom");
    private static final List<String> TOP_LEVEL_LIBS = List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32");
    private static final List<String> ETC_ENTRIES = List.of("ld.so.cache", "ld.so.conf", "ld.so.conf.d",
            "localtime", "alternatives", "mime.types");
    private static final String SCRIPT = readScript();

    private final Path mountPoint;

    private SealedRoot(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    private static final class Holder {
        static final SealedRoot INSTANCE = new SealedRoot(createMountPoint());
    }

    /** The one sealed root of this JVM: every run mounts its own tmpfs on the same empty folder, in its own namespace. */
    static SealedRoot shared() {
        return Holder.INSTANCE;
    }

    /**
     * The command line that seals a run and then executes {@code next}: to be run as root (real
     * or namespaced) inside fresh mount and PID namespaces.
     *
     * @param workDir the host work directory, bound at {@value #WORK_DIR}
     * @param uid the run's own uid, named in its {@code /etc/passwd}
     */
    List<String> command(Path workDir, OptionalInt uid, List<String> next) {
        List<String> line = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "stepgym-seal", mountPoint.toString()));
        line.addAll(steps(workDir.toAbsolutePath().normalize(), uid));
        line.add("--");
        line.addAll(next);
        return line;
    }

    private static List<String> steps(Path workDir, OptionalInt uid) {
        List<String> s = new ArrayList<>();
        step(s, "ro", "/usr", "/usr");
        for (String name : TOP_LEVEL_LIBS) {
            hostEntry(s, Path.of("/", name));
        }
        for (String name : ETC_ENTRIES) {
            hostEntry(s, Path.of("/etc", name));
        }
        String user = uid.isPresent() ? "sandbox:x:" + uid.getAsInt() + ":" + uid.getAsInt() + "::" + WORK_DIR + ":/usr/sbin/nologin\n" : "";
        String group = uid.isPresent() ? "sandbox:x:" + uid.getAsInt() + ":\n" : "";
        step(s, "file", "root:x:0:0:root:/:/usr/sbin/nologin\n" + user, "/etc/passwd");
        step(s, "file", "root:x:0:\n" + group, "/etc/group");
        step(s, "file", "127.0.0.1 localhost\n::1 localhost\n", "/etc/hosts");
        for (String device : DEVICES) {
            step(s, "dev", "/dev/" + device, "/dev/" + device);
        }
        step(s, "link", "/proc/self/fd", "/dev/fd");
        step(s, "link", "/proc/self/fd/0", "/dev/stdin");
        step(s, "link", "/proc/self/fd/1", "/dev/stdout");
        step(s, "link", "/proc/self/fd/2", "/dev/stderr");
        step(s, "tmpfs", TMPFS_SIZE, "/dev/shm");
        step(s, "tmpfs", TMPFS_SIZE, "/tmp");
        step(s, "proc", "-", "/proc");
        step(s, "rw", workDir.toString(), WORK_DIR);
        step(s, "cd", "-", WORK_DIR);
        return s;
    }

    /** A host entry as the host has it: a symlink stays a symlink, a folder or file is bound read-only. */
    private static void hostEntry(List<String> s, Path host) {
        try {
            if (Files.isSymbolicLink(host)) {
                step(s, "link", Files.readSymbolicLink(host).toString(), host.toString());
            } else if (Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
                step(s, "ro", host.toString(), host.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + host, e);
        }
    }

    private static void step(List<String> s, String op, String source, String target) {
        s.add(op);
        s.add(source);
        s.add(target);
    }

    private static Path createMountPoint() {
        try {
            Path dir = Files.createTempDirectory("stepgym-sealed-root-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new SandboxException(Kind.IO, "cannot create the sandbox's mount point: " + e.getMessage(), e);
        }
    }

    private static String readScript() {
        try (InputStream in = SealedRoot.class.getResourceAsStream("seal.sh")) {
            if (in == null) {
                throw new IllegalStateException("seal.sh is missing from the sandbox jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
