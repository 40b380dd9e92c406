package dev.stepgym.sandbox.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads one output stream of a child on its own thread: keeps the first {@code cap} bytes and
 * reads and drops the rest, so a child that floods its output never blocks on a full pipe.
 */
final class CappedOutput {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final long cap;
    private final InputStream in;
    private final Thread thread;
    private long total;

    CappedOutput(InputStream in, long cap, String name) {
        this.in = in;
        this.cap = cap;
        this.thread = new Thread(this::drain, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void drain() {
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (this) {
                    long room = cap - total;
                    if (room > 0) {
                        kept.write(buffer, 0, (int) Math.min(room, n));
                    }
                    total += n;
                }
            }
        } catch (IOException e) {
            // The stream was closed under us: keep what was read.
        }
    }

    /**
     * Waits for end of stream. Every process of the run is dead by now, so the pipe is closed;
     * the wait is bounded anyway in case one escaped and still holds it, and then the stream is
     * closed and what was read is kept.
     */
    void await(Duration limit) {
        try {
            thread.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            try {
                in.close();
            } catch (IOException ignored) {
                // best effort: the daemon thread ends with the pipe
            }
        }
    }

    synchronized boolean truncated() {
        return total > cap;
    }

    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }
}
