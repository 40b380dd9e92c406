package dev.stepgym.protocol.testkit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds {@code block} actions of {@code counter-v1} until a test opens the gate, so a test can
 * prove that one stuck episode does not hold up others without measuring time.
 */
public final class CounterGate {
    private static volatile CountDownLatch open = new CountDownLatch(0);
    private static volatile CountDownLatch entered = new CountDownLatch(1);

    private CounterGate() {
    }

    /** Closes the gate: later {@code block} actions wait until {@link #open()}. */
    public static synchronized void close() {
        open = new CountDownLatch(1);
        entered = new CountDownLatch(1);
    }

    public static void open() {
        open.countDown();
    }

    /** Waits until some {@code block} action is waiting at the gate. */
    public static boolean awaitBlocked(long timeout, TimeUnit unit) throws InterruptedException {
        return entered.await(timeout, unit);
    }

    static void pass() {
        entered.countDown();
        try {
            // Bounded so a forgotten gate cannot hang a test run.
            if (!open.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("counter gate was never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the counter gate", e);
        }
    }
}
