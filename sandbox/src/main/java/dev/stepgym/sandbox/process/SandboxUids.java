package dev.stepgym.sandbox.process;

import dev.stepgym.sandbox.SandboxException;
import dev.stepgym.sandbox.SandboxException.Kind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out unprivileged uids, one per concurrent run, from a range no login or container
 * mapping uses. A uid is held through an OS file lock, so JVMs on one machine (surefire forks,
 * cluster nodes) never share one; a uid whose lock is free but that still has processes is
 * left over from a JVM that died, and its processes are killed before the uid is handed out.
 *
 * <pre>{@code
 * try (SandboxUids.Lease lease = uids.acquire()) {
 *     run as lease.uid() ...
 * }
 * }</pre>
 */
final class SandboxUids {
    /** Far above login ids (1000+), systemd dynamic users (61184-65519) and container ranges. */
    static final int DEFAULT_BASE = 1_900_000_000;
    static final int DEFAULT_COUNT = 4096;

    private final int base;
    private final int count;
    private final Path lockDir;

    SandboxUids(int base, int count, Path lockDir) {
        this.base = base;
        this.count = count;
        this.lockDir = lockDir;
    }

    static SandboxUids defaults() {
        return new SandboxUids(DEFAULT_BASE, DEFAULT_COUNT,
                Path.of(System.getProperty("java.io.tmpdir"), "stepgym-sandbox-uids"));
    }

    Lease acquire() {
        try {
            Files.createDirectories(lockDir);
        } catch (IOException e) {
            throw new SandboxException(Kind.IO, "cannot create uid lock directory " + lockDir, e);
        }
        int start = ThreadLocalRandom.current().nextInt(count);
        for (int i = 0; i < count; i++) {
            int uid = base + (start + i) % count;
            Lease lease = tryLock(uid);
            if (lease != null) {
                if (ProcessSweeper.killUid(uid) > 0) {
                    // Leftovers we could not kill: keep the lock (quarantine) and try another uid.
                    continue;
                }
                return lease;
            }
        }
        throw new SandboxException(Kind.IO, "no free sandbox uid among " + count);
    }

    private Lease tryLock(int uid) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockDir.resolve(uid + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return null;
            }
            return new Lease(uid, channel);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            return null; // held by another run of this JVM
        } catch (IOException e) {
            closeQuietly(channel);
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing held
            }
        }
    }

    /** One uid held until closed; a quarantined lease keeps its lock for the JVM's lifetime. */
    static final class Lease implements AutoCloseable {
        private final int uid;
        private final FileChannel channel;
        private volatile boolean quarantined;

        private Lease(int uid, FileChannel channel) {
            this.uid = uid;
            this.channel = channel;
        }

        int uid() {
            return uid;
        }

        /** Never hand this uid out again from this JVM: some of its processes could not be killed. */
        void quarantine() {
            quarantined = true;
        }

        @Override
        public void close() {
            if (!quarantined) {
                closeQuietly(channel);
            }
        }
    }
}
