package dev.stepgym.sandbox.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a process stream on a daemon thread (a full pipe would stall the server) and keeps only
 * its last bytes, for error messages.
 */
final class StreamTail {
    private static final int KEEP = 4096;

    private final byte[] ring = new byte[KEEP];
    private long written;

    StreamTail(InputStream stream, String threadName) {
        Thread drain = new Thread(() -> drain(stream), threadName);
        drain.setDaemon(true);
        drain.start();
    }

    private void drain(InputStream stream) {
        byte[] buffer = new byte[1024];
        try (stream) {
            int n;
            while ((n = stream.read(buffer)) >= 0) {
                append(buffer, n);
            }
        } catch (IOException closed) {
            // the process ended or the session closed the stream: nothing more to keep
        }
    }

    private synchronized void append(byte[] bytes, int n) {
        for (int i = 0; i < n; i++) {
            ring[(int) (written++ % KEEP)] = bytes[i];
        }
    }

    /** The last bytes read, decoded as UTF-8 (a cut multi-byte character shows as a replacement). */
    synchronized String text() {
        int size = (int) Math.min(written, KEEP);
        byte[] out = new byte[size];
        long start = written - size;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(int) ((start + i) % KEEP)];
        }
        return new String(out, StandardCharsets.UTF_8).strip();
    }
}
