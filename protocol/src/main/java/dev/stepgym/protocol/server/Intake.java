package dev.stepgym.protocol.server;

import java.util.concurrent.TimeUnit;

/**
 * The server's front door during a shutdown: counts the requests being worked on, refuses new ones
 * once closed, and lets the shutdown wait (bounded) until the running ones are done, so no step is
 * cut off halfway and every step line is written before the end lines.
 */
final class Intake {
    private int inFlight;
    private boolean closed;

    /** Takes a request in; false once closed (the caller answers SHUTTING_DOWN). */
    synchronized boolean tryEnter() {
        if (closed) {
            return false;
        }
        inFlight++;
        return true;
    }

    /** A request taken in by {@link #tryEnter()} is done. */
    synchronized void exit() {
        inFlight--;
        if (inFlight == 0) {
            notifyAll();
        }
    }

    /** Refuses every later request. */
    synchronized void close() {
        closed = true;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    /**
     * Waits until no request is being worked on.
     *
     * @return true when idle, false when {@code timeout} passed first
     */
    synchronized boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
