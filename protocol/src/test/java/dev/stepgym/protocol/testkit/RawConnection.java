package dev.stepgym.protocol.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A plain TCP connection to a loopback server, for what a well-behaved client library will not do:
 * send half a request and stop, hang up mid-body, or read a reply byte for byte.
 */
public final class RawConnection implements AutoCloseable {
    private final Socket socket;

    public RawConnection(int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to 127.0.0.1:" + port, e);
        }
    }

    /** Writes {@code text} (ISO-8859-1, as HTTP heads are) and flushes. */
    public RawConnection write(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the server", e);
        }
    }

    /** Whether the server has sent something not yet read (without blocking). */
    public boolean hasInput() {
        try {
            return socket.getInputStream().available() > 0;
        } catch (IOException e) {
            return true; // a reset: there is something to find out by reading
        }
    }

    /**
     * Reads until the server closes the connection, or fails when it has not within
     * {@code timeoutMillis}.
     *
     * @return everything the server sent
     * @throws AssertionError when the connection is still open after the timeout
     */
    public String readUntilClosed(int timeoutMillis) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new AssertionError("the server kept the connection open for " + timeoutMillis
                            + " ms; received so far: " + received.toString(StandardCharsets.UTF_8));
                }
                socket.setSoTimeout((int) Math.max(1, left));
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    continue; // the deadline check above decides
                }
                if (n < 0) {
                    return received.toString(StandardCharsets.UTF_8);
                }
                received.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // A reset after the reply is a close too.
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    /** Drops the connection at once (RST), as a client that crashes mid-upload does. */
    public void abort() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
