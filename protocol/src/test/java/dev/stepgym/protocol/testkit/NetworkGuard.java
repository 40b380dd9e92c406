package dev.stepgym.protocol.testkit;

import java.net.InetAddress;
import java.net.SocketPermission;
import java.net.UnknownHostException;
import java.security.Permission;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A test-only {@link SecurityManager} that refuses, and records, every connection (and every
 * host name lookup) to anything but this machine. The JDK calls {@code checkConnect} before the
 * connect or DNS system call, so a refused attempt never leaves the machine. Every other
 * permission is granted, {@code setSecurityManager} included, so tests run as without a manager
 * and {@link #close()} can take it out again. Needs {@code -Djava.security.manager=allow} (set
 * in Surefire's argLine).
 *
 * <pre>{@code
 * try (NetworkGuard guard = NetworkGuard.install()) {
 *     embedder.embed(List.of("offline?"));
 *     assertEquals(List.of(), guard.attempts());
 * }
 * }</pre>
 */
public final class NetworkGuard extends SecurityManager implements AutoCloseable {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final SecurityManager previous;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    private NetworkGuard(SecurityManager previous) {
        this.previous = previous;
    }

    /** Installs a guard; {@link #close()} puts back whatever manager was there before. */
    @SuppressWarnings("removal")
    public static NetworkGuard install() {
        NetworkGuard guard = new NetworkGuard(System.getSecurityManager());
        System.setSecurityManager(guard);
        return guard;
    }

    /** Off-machine destinations refused so far, in order. */
    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    @Override
    public void checkConnect(String host, int port) {
        guard(host, port);
    }

    @Override
    public void checkConnect(String host, int port, Object context) {
        guard(host, port);
    }

    @Override
    public void checkPermission(Permission permission) {
        if (permission instanceof SocketPermission socket && socket.getActions().contains("connect")) {
            guard(hostOf(socket.getName()), portOf(socket.getName()));
        }
    }

    @Override
    public void checkPermission(Permission permission, Object context) {
        checkPermission(permission);
    }

    private void guard(String host, int port) {
        if (!onThisMachine(host)) {
            Attempt attempt = new Attempt(host, port, Thread.currentThread().getName());
            attempts.add(attempt);
            throw new SecurityException("NetworkGuard: refused off-machine connection to " + host + ":" + port);
        }
    }

    /** Loopback or wildcard literals and the name "localhost"; any other name is refused unresolved. */
    public static boolean onThisMachine(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.toLowerCase(Locale.ROOT).equals("localhost")) {
            return true;
        }
        if (!IPV4.matcher(h).matches() && !h.contains(":")) {
            return false;   // a host name: resolving it would already be a DNS query
        }
        try {
            // A literal: getByName parses it without a lookup or a security check.
            InetAddress address = InetAddress.getByName(h);
            return address.isLoopbackAddress() || address.isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String hostOf(String name) {
        if (name.startsWith("[")) {
            return name.substring(0, name.indexOf(']') + 1);
        }
        if (name.indexOf(':') != name.lastIndexOf(':')) {
            return name;   // a bare IPv6 literal, no port
        }
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    private static int portOf(String name) {
        int colon = name.lastIndexOf(':');
        boolean bareIpv6 = !name.startsWith("[") && name.indexOf(':') != colon;
        if (colon < 0 || name.endsWith("]") || bareIpv6) {
            return -1;
        }
        String port = name.substring(colon + 1);
        int dash = port.indexOf('-');
        try {
            return Integer.parseInt(dash < 0 ? port : port.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Takes this guard out and puts back the manager it replaced. */
    @Override
    @SuppressWarnings("removal")
    public void close() {
        if (System.getSecurityManager() == this) {
            System.setSecurityManager(previous);
        }
    }

    /**
     * One refused destination.
     *
     * @param host as the JDK passed it (a literal address or a name)
     * @param port -1 for a name lookup
     * @param thread the thread that tried
     */
    public record Attempt(String host, int port, String thread) {
    }
}
