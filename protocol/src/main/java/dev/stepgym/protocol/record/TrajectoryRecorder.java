package dev.stepgym.protocol.record;

import dev.stepgym.protocol.json.Json;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends trajectory lines to per-episode files. Every line goes out in one write (JSON plus
 * newline), straight to the OS page cache: a crash tears at most the line being written, and no
 * fsync per line keeps steps fast. At most {@code maxOpenFiles} files stay open (least recently
 * used are closed and reopened on demand), so 10,000 open episodes do not mean 10,000 descriptors.
 * Thread-safe; lines of one file must come from one caller at a time (the episode lock ensures it).
 *
 * <p>Files are written through {@link FileOutputStream} in append mode, not a {@code FileChannel}:
 * an interrupted thread (a worker pool shutting down) closes an interruptible channel under every
 * later writer of that file, which lost step and end lines on SIGTERM (issue 8). A stream write
 * ignores interrupts.
 */
public final class TrajectoryRecorder implements AutoCloseable {
    private final Path root;
    private final int maxOpenFiles;
    private final LinkedHashMap<Path, OpenFile> open = new LinkedHashMap<>(64, 0.75f, true);
    private final Set<Path> createdDirectories = ConcurrentHashMap.newKeySet();

    public TrajectoryRecorder(Path root, int maxOpenFiles) {
        if (maxOpenFiles < 1) {
            throw new IllegalArgumentException("maxOpenFiles must be at least 1: " + maxOpenFiles);
        }
        this.root = root.toAbsolutePath().normalize();
        this.maxOpenFiles = maxOpenFiles;
    }

    public Path root() {
        return root;
    }

    /**
     * The file of an episode. Ids are checked by the caller to be plain names, but the path is
     * checked again here so no id can reach outside the record directory.
     */
    public Path fileOf(String envId, String episodeId) {
        Path file = root.resolve(envId).resolve(episodeId + ".jsonl").normalize();
        if (!file.startsWith(root) || !file.getParent().getParent().equals(root)) {
            throw new IllegalArgumentException("episode file outside the record directory: " + envId + "/" + episodeId);
        }
        return file;
    }

    /** Appends one record as one line and hands it to the OS. */
    public void append(Path file, TrajectoryRecord record) {
        byte[] json = Json.writeBytes(record);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        while (true) {
            OpenFile target = acquire(file);
            synchronized (target) {
                if (target.closed) {
                    continue; // evicted between lookup and lock: open it again
                }
                target.write(line);
                return;
            }
        }
    }

    /** Closes the file of a finished episode (a later append reopens it). */
    public void finish(Path file) {
        OpenFile target;
        synchronized (this) {
            target = open.remove(file);
        }
        if (target != null) {
            target.close();
        }
    }

    /** Number of files currently held open. */
    public synchronized int openFiles() {
        return open.size();
    }

    @Override
    public void close() {
        List<OpenFile> all;
        synchronized (this) {
            all = new ArrayList<>(open.values());
            open.clear();
        }
        all.forEach(OpenFile::close);
    }

    private OpenFile acquire(Path file) {
        List<OpenFile> evicted = new ArrayList<>();
        OpenFile target;
        synchronized (this) {
            target = open.get(file);
            if (target == null) {
                target = new OpenFile(openStream(file));
                open.put(file, target);
                Iterator<OpenFile> eldest = open.values().iterator();
                while (open.size() > maxOpenFiles && eldest.hasNext()) {
                    OpenFile candidate = eldest.next();
                    if (candidate != target) {
                        eldest.remove();
                        evicted.add(candidate);
                    }
                }
            }
        }
        // Closed outside the map lock: a writer of an evicted file holds that file's lock only.
        evicted.forEach(OpenFile::close);
        return target;
    }

    private FileOutputStream openStream(Path file) {
        try {
            Path dir = file.getParent();
            if (createdDirectories.add(dir)) {
                Files.createDirectories(dir);
            }
            return new FileOutputStream(file.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open trajectory file " + file, e);
        }
    }

    private static final class OpenFile {
        private final FileOutputStream out;
        private boolean closed;

        OpenFile(FileOutputStream out) {
            this.out = out;
        }

        void write(byte[] line) {
            try {
                out.write(line); // O_APPEND, unbuffered: the whole line goes to the OS in this call
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to a trajectory file", e);
            }
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                out.close();
            } catch (IOException ignored) {
                // Nothing is buffered on our side: every line was already handed to the OS.
            }
        }
    }
}
