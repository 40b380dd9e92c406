package dev.stepgym.sandbox.lsp;

import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matching rule that keeps a publish for an old text from being taken for the current one. */
class DiagnosticsInboxTest {
    private static final Path FILE = Path.of("/ws/a.py");
    private static final Diagnostic ERROR = new Diagnostic(new Range(new Position(0, 9), new Position(0, 12)), "bad");

    private static long soon(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void aVersionedPublishMatchesOnlyItsOwnVersion() throws InterruptedException {
        DiagnosticsInbox inbox = new DiagnosticsInbox();
        inbox.accept(FILE, 1, List.of(ERROR));
        // version 2 was sent after version 1's publish had arrived: 1's errors must not count for 2
        long t0 = System.nanoTime();
        assertNull(inbox.await(FILE, 2, inbox.arrivals(), soon(150), () -> true));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(150), "waited out the deadline");

        inbox.accept(FILE, 2, List.of());
        DiagnosticsInbox.Publish publish = inbox.await(FILE, 2, 0, soon(1000), () -> true);
        assertEquals(2, publish.version());
        assertEquals(List.of(), publish.diagnostics());
        assertEquals(2, publish.arrival());
    }

    @Test
    void aLatePublishForAnOlderVersionDoesNotSatisfyTheNewOne() throws InterruptedException {
        DiagnosticsInbox inbox = new DiagnosticsInbox();
        long changedAt = inbox.arrivals();           // version 2 sent before anything arrived
        inbox.accept(FILE, 1, List.of(ERROR));       // ...then version 1's publish arrives late
        assertNull(inbox.await(FILE, 2, changedAt, soon(100), () -> true));
    }

    @Test
    void anUnversionedPublishMatchesWhenItArrivedAfterTheChange() throws InterruptedException {
        DiagnosticsInbox inbox = new DiagnosticsInbox();
        inbox.accept(FILE, null, List.of(ERROR));
        long changedAt = inbox.arrivals();           // 1
        assertNull(inbox.await(FILE, 7, changedAt, soon(100), () -> true), "arrived before the change");
        inbox.accept(FILE, null, List.of());
        assertEquals(List.of(), inbox.await(FILE, 7, changedAt, soon(100), () -> true).diagnostics());
    }

    @Test
    void onceVersionsArriveTheUnversionedClearingOfAClosedDocumentIsIgnored() throws InterruptedException {
        DiagnosticsInbox inbox = new DiagnosticsInbox();
        inbox.accept(FILE, 1, List.of());            // version 1 open and clean
        long reopenedAt = inbox.arrivals();          // closed, reopened as version 2 with an error
        inbox.accept(FILE, null, List.of());         // the server clears the closed document late
        assertNull(inbox.await(FILE, 2, reopenedAt, soon(100), () -> true));
        inbox.accept(FILE, 2, List.of(ERROR));
        inbox.accept(FILE, null, List.of());         // another late clearing does not hide version 2
        assertEquals(List.of(ERROR), inbox.await(FILE, 2, reopenedAt, soon(100), () -> true).diagnostics());
    }

    @Test
    void aPublishOfALowerVersionDoesNotReplaceAHigherOne() throws InterruptedException {
        DiagnosticsInbox inbox = new DiagnosticsInbox();
        inbox.accept(FILE, 3, List.of());
        inbox.accept(FILE, 2, List.of(ERROR));
        assertEquals(List.of(), inbox.await(FILE, 3, 0, soon(100), () -> true).diagnostics());
    }

    @Test
    void waitingWakesUpForAPublishFromAnotherThread() throws InterruptedException {
        DiagnosticsInbox inbox = new DiagnosticsInbox();
        Thread server = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                return;
            }
            inbox.accept(Path.of("/ws/other.py"), 3, List.of());
            inbox.accept(FILE, 3, List.of(ERROR));
        });
        server.start();
        DiagnosticsInbox.Publish publish = inbox.await(FILE, 3, 0, soon(5000), () -> true);
        server.join(5000);
        assertEquals(List.of(ERROR), publish.diagnostics());
        assertEquals(2, publish.arrival());
    }

    @Test
    void aDeadServerEndsTheWaitEarly() {
        DiagnosticsInbox inbox = new DiagnosticsInbox();
        long t0 = System.nanoTime();
        assertThrows(IllegalStateException.class, () -> inbox.await(FILE, 1, 0, soon(10_000), () -> false));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2));
    }
}
