package dev.stepgym.sandbox.lsp;

import dev.stepgym.sandbox.lsp.LanguageServerException.Kind;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Warm pyright servers, at most {@code maxServers} at once. A lease on a workspace root gets an
 * idle server already started on that root when there is one (its documents closed and the files
 * the last episode touched re-announced, see {@link LanguageServerSession#resync()}), else a new
 * server; at the cap the least recently used idle server is stopped to make room, or the lease
 * waits for a release. A server found dead or hung (a request timed out) is stopped and replaced.
 *
 * <pre>{@code
 * try (LanguageServerPool pool = new LanguageServerPool(4, Duration.ofSeconds(10))) {
 *     // per episode: reset the files on disk first, then
 *     try (LanguageServerPool.Lease lease = pool.lease(workspaceRoot)) {
 *         LanguageServerSession lsp = lease.session();
 *         lsp.open("main.py", text);
 *         lsp.diagnostics("main.py");
 *     }
 * }
 * }</pre>
 */
public final class LanguageServerPool implements AutoCloseable {
    public static final Duration DEFAULT_LEASE_WAIT = Duration.ofSeconds(30);

    /**
     * Counters since the pool was made.
     *
     * @param started   servers started
     * @param reused    leases served by a warm server
     * @param restarted servers found dead or unhealthy and stopped (a new one replaces each at its next lease)
     * @param evicted   idle healthy servers stopped to make room for another root
     */
    public record Stats(long started, long reused, long restarted, long evicted) {
    }

    private final int maxServers;
    private final Duration requestTimeout;
    private final Duration leaseWait;
    private final PyrightInstallation explicitInstallation;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    /** Idle sessions in release order: the first is the least recently used. */
    private final LinkedHashMap<LanguageServerSession, Path> idle = new LinkedHashMap<>();
    private final Set<LanguageServerSession> leased = new HashSet<>();
    private PyrightInstallation installation;
    private int starting;
    private boolean closed;
    private long started;
    private long reused;
    private long restarted;
    private long evicted;

    /** A pool of pyright servers found by {@link PyrightInstallation#locate()} (looked up at the first start). */
    public LanguageServerPool(int maxServers, Duration requestTimeout) {
        this(null, maxServers, requestTimeout, DEFAULT_LEASE_WAIT);
    }

    /**
     * @param installation   pyright to run; null to locate it at the first start
     * @param maxServers     how many server processes may run at once (at least 1)
     * @param requestTimeout timeout of every request of every session
     * @param leaseWait      how long a lease waits for a release when every server is leased
     */
    public LanguageServerPool(PyrightInstallation installation, int maxServers, Duration requestTimeout, Duration leaseWait) {
        if (maxServers < 1) {
            throw new LanguageServerException(Kind.BAD_INPUT, "maxServers must be at least 1, got " + maxServers);
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new LanguageServerException(Kind.BAD_INPUT, "request timeout must be positive, got " + requestTimeout);
        }
        if (leaseWait == null || leaseWait.isNegative()) {
            throw new LanguageServerException(Kind.BAD_INPUT, "lease wait must not be negative, got " + leaseWait);
        }
        this.explicitInstallation = installation;
        this.maxServers = maxServers;
        this.requestTimeout = requestTimeout;
        this.leaseWait = leaseWait;
    }

    /**
     * A server on {@code workspaceRoot} for one episode: warm and resynced when one is idle, else
     * newly started. Close the lease to give the server back.
     *
     * @throws LanguageServerException CAPACITY when every server stayed leased for the lease wait,
     *                                 START_FAILED / NOT_INSTALLED when a server cannot start,
     *                                 BAD_INPUT when the root is not a directory, DEAD when the pool is closed
     */
    public Lease lease(Path workspaceRoot) {
        Path root;
        try {
            root = workspaceRoot.toRealPath();
        } catch (IOException e) {
            throw new LanguageServerException(Kind.BAD_INPUT, "workspace root " + workspaceRoot + " does not exist", e);
        }
        long deadline = System.nanoTime() + leaseWait.toNanos();
        while (true) {
            LanguageServerSession warm = reserve(root, deadline);
            if (warm == null) {
                return new Lease(startReserved(root));
            }
            try {
                warm.resync();
                return new Lease(warm);
            } catch (LanguageServerException dead) {
                // It died between release and now: replace it under the same reservation.
                discardLeased(warm);
            }
        }
    }

    /**
     * Takes a healthy idle session for {@code root} out of the idle set (returned, counted as reused),
     * or reserves a slot to start one (returns null), waiting for a release when the pool is full.
     */
    private LanguageServerSession reserve(Path root, long deadline) {
        List<LanguageServerSession> toClose = new ArrayList<>();
        lock.lock();
        try {
            while (true) {
                checkOpen();
                for (Iterator<Map.Entry<LanguageServerSession, Path>> it = idle.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<LanguageServerSession, Path> entry = it.next();
                    if (!entry.getKey().healthy()) {
                        it.remove();
                        toClose.add(entry.getKey());
                        restarted++;
                    } else if (entry.getValue().equals(root)) {
                        it.remove();
                        leased.add(entry.getKey());
                        reused++;
                        return entry.getKey();
                    }
                }
                if (idle.size() + leased.size() + starting < maxServers) {
                    starting++;
                    return null;
                }
                if (!idle.isEmpty()) {
                    Iterator<LanguageServerSession> eldest = idle.keySet().iterator();
                    toClose.add(eldest.next());
                    eldest.remove();
                    evicted++;
                    starting++;
                    return null;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new LanguageServerException(Kind.CAPACITY, "all " + maxServers + " language servers are leased and none was released within "
                            + leaseWait);
                }
                released.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LanguageServerException(Kind.CAPACITY, "interrupted while waiting for a language server", e);
        } finally {
            lock.unlock();
            toClose.forEach(LanguageServerSession::close);
        }
    }

    /** Starts a session in a slot that {@link #reserve} set aside; the slot is given back if the start fails. */
    private LanguageServerSession startReserved(Path root) {
        LanguageServerSession session;
        try {
            session = LanguageServerSession.start(installation(), root, requestTimeout);
        } catch (RuntimeException e) {
            lock.lock();
            try {
                starting--;
                released.signalAll();
            } finally {
                lock.unlock();
            }
            throw e;
        }
        lock.lock();
        try {
            starting--;
            started++;
            if (!closed) {
                leased.add(session);
                return session;
            }
        } finally {
            lock.unlock();
        }
        session.close();
        throw new LanguageServerException(Kind.DEAD, "the language server pool was closed while a server started");
    }

    /** A leased session that proved dead: stop it and keep its slot reserved for a replacement. */
    private void discardLeased(LanguageServerSession session) {
        lock.lock();
        try {
            if (leased.remove(session)) {
                restarted++;
                starting++;
            }
        } finally {
            lock.unlock();
        }
        session.close();
    }

    private void release(LanguageServerSession session) {
        boolean keep;
        lock.lock();
        try {
            boolean wasLeased = leased.remove(session);
            keep = wasLeased && !closed && session.healthy();
            if (keep) {
                idle.put(session, session.root());
            } else if (wasLeased && !closed) {
                restarted++;
            }
            released.signalAll();
        } finally {
            lock.unlock();
        }
        if (!keep) {
            session.close();
        }
    }

    private PyrightInstallation installation() {
        lock.lock();
        try {
            if (installation == null) {
                installation = explicitInstallation != null ? explicitInstallation : PyrightInstallation.locate();
            }
            return installation;
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new LanguageServerException(Kind.DEAD, "the language server pool is closed");
        }
    }

    /** Server processes of this pool that are alive now, leased or idle. */
    public int liveProcesses() {
        lock.lock();
        try {
            int alive = 0;
            for (LanguageServerSession session : idle.keySet()) {
                alive += session.processAlive() ? 1 : 0;
            }
            for (LanguageServerSession session : leased) {
                alive += session.processAlive() ? 1 : 0;
            }
            return alive;
        } finally {
            lock.unlock();
        }
    }

    public Stats stats() {
        lock.lock();
        try {
            return new Stats(started, reused, restarted, evicted);
        } finally {
            lock.unlock();
        }
    }

    /** Stops every server, leased ones included (their sessions then answer DEAD). Idempotent. */
    @Override
    public void close() {
        List<LanguageServerSession> all = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            all.addAll(idle.keySet());
            all.addAll(leased);
            idle.clear();
            leased.clear();
            released.signalAll();
        } finally {
            lock.unlock();
        }
        all.forEach(LanguageServerSession::close);
    }

    /**
     * One episode's use of a server. Closing it hands the server back to the pool (or stops it when
     * it is no longer healthy); closing twice does nothing.
     */
    public final class Lease implements AutoCloseable {
        private final LanguageServerSession session;
        private boolean returned;

        private Lease(LanguageServerSession session) {
            this.session = session;
        }

        public LanguageServerSession session() {
            if (returned) {
                throw new LanguageServerException(Kind.DEAD, "this lease was already returned to the pool");
            }
            return session;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (returned) {
                    return;
                }
                returned = true;
            }
            release(session);
        }
    }
}
