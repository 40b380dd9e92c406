package dev.stepgym.sandbox.lsp;

import org.eclipse.lsp4j.Diagnostic;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The latest publishDiagnostics per file, each stamped with the order it arrived in, and a wait for
 * the publish that belongs to a given document version.
 *
 * <p>Once the server has sent one publish with a version, unversioned publishes no longer count:
 * pyright sends versions for open documents and none for the empty publish that clears a closed
 * one, which may arrive after the document was opened again. A versioned publish never replaces
 * one of a higher version (versions only go up within a session).
 */
final class DiagnosticsInbox {
    /** One publish: {@code arrival} counts publishes of the session from 1; {@code version} may be null. */
    record Publish(long arrival, Integer version, List<Diagnostic> diagnostics) {
    }

    private static final long POLL_MILLIS = 100;

    private final Map<Path, Publish> versioned = new HashMap<>();
    private final Map<Path, Publish> unversioned = new HashMap<>();
    private boolean serverSendsVersions;
    private long arrivals;

    synchronized void accept(Path file, Integer version, List<Diagnostic> diagnostics) {
        arrivals++;
        Publish publish = new Publish(arrivals, version, List.copyOf(diagnostics));
        if (version == null) {
            unversioned.put(file, publish);
        } else {
            serverSendsVersions = true;
            Publish before = versioned.get(file);
            if (before == null || before.version() <= version) {
                versioned.put(file, publish);
            }
        }
        notifyAll();
    }

    /** How many publishes have arrived so far: a document change remembers it to recognise later ones. */
    synchronized long arrivals() {
        return arrivals;
    }

    /**
     * Waits for the publish of {@code version} of {@code file}. A publish that carries a version
     * matches when the version is equal; while the server has sent no versioned publish at all, one
     * without a version matches when it arrived after {@code changedAtArrival}.
     *
     * @return the publish, or null when {@code deadlineNanos} passed first
     * @throws IllegalStateException when {@code alive} turns false while waiting
     */
    synchronized Publish await(Path file, int version, long changedAtArrival, long deadlineNanos, BooleanSupplier alive)
            throws InterruptedException {
        while (true) {
            Publish withVersion = versioned.get(file);
            if (withVersion != null && withVersion.version() == version) {
                return withVersion;
            }
            Publish without = unversioned.get(file);
            if (!serverSendsVersions && without != null && without.arrival() > changedAtArrival) {
                return without;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException("server gone");
            }
            // Wake up now and then to notice a dead server instead of waiting out the whole timeout.
            wait(Math.max(1, Math.min(POLL_MILLIS, left / 1_000_000)));
        }
    }
}
