package dev.stepgym.sandbox.process;

import dev.stepgym.sandbox.SandboxException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The confinement this machine allows, found once by running each tool on {@code true}. Each
 * part is optional and the runner says in {@link ProcessResult#containment()} what applied:
 *
 * <ul>
 *   <li>{@code setsid}: the run gets its own session, so a sweep can find its processes by
 *       session id when no PID namespace is available.
 *   <li>{@code unshare --pid --fork --kill-child}: the command is PID 1 of a new PID namespace;
 *       when it exits or {@code unshare} is killed, the kernel kills every process in the
 *       namespace, double-forked daemons and {@code setsid} escapers included, and reaps them
 *       (this machine's own PID 1 does not reap orphans). {@code --net} adds an empty network
 *       namespace: no interface but a down loopback, so nothing, not even 127.0.0.1, is
 *       reachable. Without root, {@code --map-root-user} gets the same through a user namespace
 *       where the kernel allows one.
 *   <li>{@code unshare --mount} and {@link SealedRoot}: the run gets a mount namespace of its
 *       own and a new root built from the host's {@code /usr} (read-only), its work directory
 *       (read-write, at {@code /workspace}), a private {@code /tmp}, {@code /dev/shm} and
 *       {@code /proc}, and nothing else: not the server's cache, tasks, hidden tests or records.
 *       A {@link ProcessRunner} refuses to start where this seal cannot be made
 *       ({@link #requireSealed()}), and says which kernel feature is missing.
 *   <li>{@code setpriv} (only when the JVM runs as root): the command runs as an unprivileged
 *       uid of its own, with no capabilities and no-new-privs. This matters twice: the kernel
 *       does not enforce RLIMIT_NPROC for root (CAP_SYS_RESOURCE / CAP_SYS_ADMIN bypass it), and
 *       RLIMIT_NPROC counts all processes of a real uid, so a uid per run makes the cap exact
 *       and lets the sweep kill by uid. See {@link SandboxUids} and {@link WorkDirAccess}.
 *   <li>{@code prlimit}: RLIMIT_AS (memory per process), RLIMIT_FSIZE (largest file written),
 *       and RLIMIT_NPROC when a uid of the run's own is used. Without root there is no such uid:
 *       the limit would count the JVM's own threads, so it is left out and a fork storm is
 *       bounded by the timeout and the PID-namespace kill instead.
 * </ul>
 *
 * <pre>{@code
 * Containment c = Containment.detected();
 * System.out.println(c.summary()); // "setsid; pid+net+mount namespace, sealed root; per-run uid; rlimits as,fsize,nproc"
 * }</pre>
 *
 * @param setsid path of setsid, or null
 * @param unshare path of unshare, or null when no namespace could be made
 * @param pidNamespace a PID namespace can be made
 * @param netNamespace a network namespace can be made
 * @param mapRootUser namespaces need {@code --map-root-user} (not root)
 * @param sealed a mount namespace with a {@link SealedRoot} can be made
 * @param setpriv path of setpriv when uids can be dropped (root), or null
 * @param prlimit path of prlimit, or null
 * @param notes what did not work, in words
 */
public record Containment(
        String setsid,
        String unshare,
        boolean pidNamespace,
        boolean netNamespace,
        boolean mapRootUser,
        boolean sealed,
        String setpriv,
        String prlimit,
        List<String> notes) {

    private static final long PROBE_SECONDS = 5;
    private static final int PROBE_UID = SandboxUids.DEFAULT_BASE;

    public Containment {
        notes = List.copyOf(notes);
    }

    private static final class Holder {
        static final Containment DETECTED = probe();
    }

    /** The containment probed once per JVM. */
    public static Containment detected() {
        return Holder.DETECTED;
    }

    /** Whether runs get a uid of their own. */
    public boolean dropsUid() {
        return setpriv != null;
    }

    /**
     * This containment, when it seals runs: PID, network and mount namespaces with a sealed root.
     *
     * @throws SandboxException UNSUPPORTED naming each missing kernel feature; a sandbox that
     *     cannot seal a run refuses to run at all
     */
    public Containment requireSealed() {
        List<String> missing = new ArrayList<>();
        if (!pidNamespace) {
            missing.add("PID namespaces (unshare --pid --fork)");
        }
        if (!netNamespace) {
            missing.add("network namespaces (unshare --net)");
        }
        if (!sealed) {
            missing.add("mount namespaces with a private root (unshare --mount, tmpfs, bind mounts, /proc, pivot_root)");
        }
        if (missing.isEmpty()) {
            return this;
        }
        throw new SandboxException(SandboxException.Kind.UNSUPPORTED, "the sandbox refuses to run unsealed: this machine lacks "
                + String.join(", ", missing) + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"));
    }

    /** What this machine allows, in one line. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        if (setsid != null) {
            parts.add("setsid");
        }
        if (pidNamespace || netNamespace) {
            parts.add((pidNamespace ? "pid" : "") + (pidNamespace && netNamespace ? "+" : "")
                    + (netNamespace ? "net" : "") + (sealed ? "+mount" : "") + " namespace"
                    + (sealed ? ", sealed root" : "") + (mapRootUser ? " (user namespace)" : ""));
        }
        if (setpriv != null) {
            parts.add("per-run uid");
        }
        if (prlimit != null) {
            parts.add("rlimits as,fsize" + (setpriv != null ? ",nproc" : ""));
        }
        parts.addAll(notes);
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    /**
     * The full command line for one run: the wrappers, then the user's command.
     *
     * @param uid the run's own uid when {@link #dropsUid()}
     */
    List<String> wrap(ProcessSpec spec, OptionalInt uid) {
        List<String> line = new ArrayList<>();
        if (setsid != null) {
            line.add(setsid);
            // --wait: when the child happens to lead its process group, setsid forks, and without
            // --wait its parent exits 0 at once while the command runs on unobserved (an empty,
            // "successful" run; seen about once in 200 runs).
            line.add("--wait");
        }
        boolean net = netNamespace && !spec.networkAllowed();
        if (unshare != null && (pidNamespace || net)) {
            line.add(unshare);
            if (mapRootUser) {
                line.add("--map-root-user");
            }
            if (pidNamespace) {
                line.addAll(List.of("--pid", "--fork", "--kill-child"));
            }
            if (net) {
                line.add("--net");
            }
            if (sealed) {
                line.add("--mount");
            }
        }
        List<String> inside = new ArrayList<>();
        if (setpriv != null && uid.isPresent()) {
            inside.addAll(setprivArgs(setpriv, uid.getAsInt()));
        }
        if (prlimit != null) {
            inside.add(prlimit);
            inside.add("--as=" + spec.memoryBytes());
            inside.add("--fsize=" + spec.maxFileBytes());
            if (setpriv != null && uid.isPresent()) {
                inside.add("--nproc=" + spec.maxProcesses());
            }
            inside.add("--");
        }
        inside.addAll(spec.command());
        // The seal runs with the wrappers' privileges, before setpriv drops them.
        line.addAll(sealed ? SealedRoot.shared().command(spec.workDir(), uid, inside) : inside);
        return line;
    }

    /** The work directory as the command sees it: {@code /workspace} in a sealed root. */
    String visibleWorkDir(ProcessSpec spec) {
        return sealed ? SealedRoot.WORK_DIR : spec.workDir().toAbsolutePath().toString();
    }

    /** What applied to one run, in words. */
    String describe(ProcessSpec spec, OptionalInt uid) {
        List<String> parts = new ArrayList<>();
        parts.add(setsid != null ? "setsid" : "no session");
        parts.add(pidNamespace ? "pid namespace" : "no pid namespace (tree kill by session/descendants)");
        parts.add(sealed ? "sealed root (mount namespace)" : "NOT sealed (host filesystem visible)");
        if (spec.networkAllowed()) {
            parts.add("network allowed");
        } else {
            parts.add(netNamespace ? "no network (empty net namespace)" : "network NOT isolated");
        }
        if (setpriv != null && uid.isPresent()) {
            parts.add("uid " + uid.getAsInt());
        }
        if (prlimit != null) {
            parts.add("as=" + spec.memoryBytes() + " fsize=" + spec.maxFileBytes()
                    + (setpriv != null && uid.isPresent() ? " nproc=" + spec.maxProcesses() : " nproc=unlimited"));
        } else {
            parts.add("no rlimits");
        }
        return String.join("; ", parts);
    }

    private static List<String> setprivArgs(String setpriv, int uid) {
        return List.of(setpriv, "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                "--no-new-privs", "--bounding-set=-all", "--inh-caps=-all");
    }

    static Containment probe() {
        List<String> notes = new ArrayList<>();
        String trueCmd = find("true");
        if (trueCmd == null || !System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return new Containment(null, null, false, false, false, false, null, null,
                    List.of("not Linux or no coreutils: no containment"));
        }
        boolean root = isRoot();
        String setsid = find("setsid") != null && works(List.of(find("setsid"), "--wait", trueCmd)) ? find("setsid") : null;
        if (setsid == null) {
            notes.add("setsid unavailable");
        }
        String unshare = find("unshare");
        boolean pid = false;
        boolean net = false;
        boolean mapRoot = false;
        if (unshare != null) {
            for (boolean map : root ? new boolean[] {false} : new boolean[] {false, true}) {
                List<String> base = new ArrayList<>(List.of(unshare));
                if (map) {
                    base.add("--map-root-user");
                }
                if (works(concat(base, "--pid", "--fork", "--kill-child", "--net", trueCmd))) {
                    pid = net = true;
                } else {
                    pid = works(concat(base, "--pid", "--fork", "--kill-child", trueCmd));
                    net = works(concat(base, "--net", trueCmd));
                }
                if (pid || net) {
                    mapRoot = map;
                    break;
                }
            }
        }
        boolean sealed = false;
        if (pid && net) {
            String failure = sealFailure(unshare, mapRoot, trueCmd);
            sealed = failure == null;
            if (!sealed) {
                notes.add("no sealed root: " + failure);
            }
        }
        if (!pid) {
            notes.add("no pid namespace: tree kill by session and descendants only");
        }
        if (!net) {
            notes.add("no network namespace: network NOT isolated");
        }
        String setpriv = null;
        if (root) {
            String candidate = find("setpriv");
            List<String> cmd = candidate == null ? List.of() : new ArrayList<>(setprivArgs(candidate, PROBE_UID));
            if (candidate != null) {
                cmd.add(trueCmd);
            }
            if (candidate != null && works(cmd)) {
                setpriv = candidate;
            } else {
                notes.add("running as root without setpriv: no process cap (root bypasses RLIMIT_NPROC)");
            }
        }
        String prlimit = find("prlimit");
        if (prlimit != null && !works(List.of(prlimit, "--as=" + (1L << 32), "--fsize=" + (1L << 30), "--", trueCmd))) {
            prlimit = null;
        }
        if (prlimit == null) {
            notes.add("prlimit unavailable: no memory or file-size cap");
        }
        return new Containment(setsid, pid || net ? unshare : null, pid, net, mapRoot, sealed, setpriv, prlimit, notes);
    }

    /** Seals a run of {@code true} in a scratch folder: null when it works, else what failed, in words. */
    static String sealFailure(String unshare, boolean mapRoot, String trueCmd) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("stepgym-seal-probe-");
            List<String> command = new ArrayList<>(List.of(unshare));
            if (mapRoot) {
                command.add("--map-root-user");
            }
            command.addAll(List.of("--pid", "--fork", "--kill-child", "--net", "--mount"));
            command.addAll(SealedRoot.shared().command(scratch, OptionalInt.empty(), List.of(trueCmd)));
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "sealing a run of true took longer than " + PROBE_SECONDS + " s";
            }
            if (p.exitValue() == 0) {
                return null;
            }
            String said = new String(out, java.nio.charset.StandardCharsets.UTF_8).strip();
            return said.isEmpty() ? "sealing exited " + p.exitValue() : said.lines().findFirst().orElse(said);
        } catch (IOException | RuntimeException e) {
            return "cannot try the seal: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while trying the seal";
        } finally {
            if (scratch != null) {
                scratch.toFile().delete();
            }
        }
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static boolean works(String tool, String trueCmd) {
        return tool != null && works(List.of(tool, trueCmd));
    }

    private static boolean works(List<String> command) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The tool's absolute path: the wrappers exec each other, so none may depend on PATH. */
    static String find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
