package dev.stepgym.sandbox.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgym.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sealed run sees its work dir, the interpreter and its own /tmp, /dev/shm and /proc, and
 * nothing of the host: each test tries one way out from inside a real run and must find nothing.
 */
@Tag("heavy")
class SealedRunTest {
    private static final ProcessRunner RUNNER = new ProcessRunner();

    @TempDir
    Path tmp;
    Path work;
    Path secret;

    @BeforeEach
    void setUp() throws IOException {
        work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("mine.txt"), "my own file\n");
        // A host file readable by anyone: only the seal keeps the run from it.
        secret = tmp.resolve("reference.patch");
        Files.writeString(secret, "the answer\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        for (Path a = tmp; a != null; a = a.getParent()) {
            int mode = (Integer) Files.getAttribute(a, "unix:mode");
            Files.setAttribute(a, "unix:mode", mode | 05); // world-searchable and readable, as /tmp is
        }
    }

    private ProcessResult python(String code, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("python3", "-c", code));
        command.addAll(List.of(args));
        ProcessResult r = RUNNER.run(ProcessSpec.builder(command, work).build());
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        return r;
    }

    @Test
    void theProbedContainmentSealsRuns() {
        assertTrue(RUNNER.containment().sealed(), RUNNER.containment().summary());
        assertTrue(RUNNER.containment().summary().contains("sealed root"), RUNNER.containment().summary());
    }

    @Test
    void theRootHoldsOnlyTheSealedLayout() {
        ProcessResult r = python("import os; print(' '.join(sorted(os.listdir('/')))); print(os.getcwd());"
                + "print(open('mine.txt').read(), end='')");
        String[] lines = r.stdout().split("\n");
        for (String entry : lines[0].split(" ")) {
            assertTrue(List.of("bin", "dev", "etc", "lib", "lib32", "lib64", "libx32", "proc", "sbin", "tmp", "usr", "workspace")
                    .contains(entry), "unexpected /" + entry + " in " + lines[0]);
        }
        assertEquals("/workspace", lines[1]);
        assertEquals("my own file", lines[2]);
    }

    @Test
    void hostFilesCannotBeReadByPathOrThroughProc() {
        String code = String.join("\n",
                "import os, sys",
                "for p in sys.argv[1:]:",
                "    try:",
                "        with open(p) as f: print('READ', p, f.read().strip())",
                "    except OSError as e:",
                "        print('none', type(e).__name__)");
        ProcessResult r = python(code, secret.toString(), "/proc/1/root" + secret, "/proc/1/cwd/../" + tmp.getFileName() + "/reference.patch",
                System.getProperty("user.dir") + "/pom.xml", "/proc/" + ProcessHandle.current().pid() + "/cmdline",
                "/proc/" + ProcessHandle.current().pid() + "/cwd/pom.xml", "/root/.m2/settings.xml", "/etc/shadow");
        assertFalse(r.stdout().contains("READ"), r.stdout());
        assertEquals(8, r.stdout().lines().filter(l -> l.startsWith("none")).count(), r.stdout());
    }

    @Test
    void procShowsOnlyTheRunsOwnProcesses() {
        String code = String.join("\n",
                "import os",
                "pids = [p for p in os.listdir('/proc') if p.isdigit()]",
                "cmds = [open('/proc/%s/cmdline' % p, 'rb').read().replace(b'\\0', b' ').decode() for p in pids]",
                "print(len(pids)); print(os.getpid())",
                "for c in cmds: print(c)");
        ProcessResult r = python(code);
        List<String> lines = r.stdout().lines().toList();
        assertEquals("1", lines.get(1), "the run is PID 1 of its own namespace");
        assertEquals(1, Integer.parseInt(lines.get(0)), r.stdout());
        assertFalse(r.stdout().contains("java"), r.stdout());
        assertFalse(r.stdout().contains("stepgym.cache.dir"), r.stdout());
    }

    @Test
    void tmpAndDevShmArePrivateAndGoneWithTheRun() {
        String name = "stepgym-sealed-" + UUID.randomUUID();
        python("import sys\nfor d in ('/tmp', '/dev/shm'): open(d + '/' + sys.argv[1], 'w').write('left')", name);
        assertFalse(Files.exists(Path.of("/tmp", name)), "left a file in the host's /tmp");
        assertFalse(Files.exists(Path.of("/dev/shm", name)), "left a file in the host's /dev/shm");
        ProcessResult again = python("import os, sys; print(sorted(os.listdir('/tmp')), sorted(os.listdir('/dev/shm')))");
        assertEquals("[] []\n", again.stdout(), "a later run saw an earlier run's files");
    }

    @Test
    void theEnvironmentNamesNoHostPath() {
        ProcessResult r = python("import os\nfor k, v in sorted(os.environ.items()): print(k + '=' + v)");
        assertFalse(r.stdout().contains(tmp.toString()), r.stdout());
        assertFalse(r.stdout().contains(System.getProperty("user.dir")), r.stdout());
        assertTrue(r.stdout().contains("HOME=/workspace\n"), r.stdout());
    }

    @Test
    void theRootAndTheInterpreterAreReadOnly() {
        String code = String.join("\n",
                "import sys",
                "for p in ('/usr/stepgym-x', '/etc/passwd', '/stepgym-x', '/proc/sys/kernel/hostname'):",
                "    try:",
                "        open(p, 'w').write('x'); print('WROTE', p)",
                "    except OSError as e:",
                "        print('refused', p)",
                "open('/dev/null', 'w').write('x')",
                "print(len(open('/dev/urandom', 'rb').read(16)))");
        ProcessResult r = python(code);
        assertFalse(r.stdout().contains("WROTE"), r.stdout());
        assertTrue(r.stdout().endsWith("16\n"), r.stdout());
    }

    @Test
    void linksLeadingOutAndPipesAreRemovedAfterTheRun() throws IOException {
        Files.createDirectories(work.resolve("pkg"));
        Files.writeString(work.resolve("pkg/real.py"), "x = 1\n");
        String code = String.join("\n",
                "import os, sys",
                "os.symlink(sys.argv[1], 'pkg/answer.py')",        // a host path: inside the seal it leads nowhere
                "os.symlink('/etc', 'etc-link')",
                "os.symlink('../../..', 'pkg/up')",
                "os.symlink('real.py', 'pkg/inside.py')",           // stays: it leads inside
                "os.symlink('missing.py', 'pkg/dangling.py')",
                "os.mkfifo('pkg/pipe.py')");
        ProcessResult r = python(code, secret.toString());
        assertEquals(List.of("etc-link", "pkg/answer.py", "pkg/dangling.py", "pkg/pipe.py", "pkg/up"), r.removed());
        assertTrue(Files.isSymbolicLink(work.resolve("pkg/inside.py")));
        assertEquals("x = 1\n", Files.readString(work.resolve("pkg/inside.py")));
        assertFalse(Files.exists(work.resolve("pkg/pipe.py"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aMachineThatCannotSealRefusesToRunAndSaysWhatIsMissing() throws IOException {
        // unshare without CAP_SYS_ADMIN: the kernel refuses every namespace, as on a locked-down host.
        Path crippled = tmp.resolve("unshare-without-sys-admin");
        Files.writeString(crippled, "#!/bin/sh\nexec " + Containment.find("setpriv")
                + " --bounding-set=-sys_admin --inh-caps=-sys_admin " + Containment.find("unshare") + " \"$@\"\n");
        Files.setPosixFilePermissions(crippled, PosixFilePermissions.fromString("rwxr-xr-x"));
        String failure = Containment.sealFailure(crippled.toString(), false, Containment.find("true"));
        assertNotNull(failure, "the seal worked without CAP_SYS_ADMIN");
        Containment unsealed = new Containment(Containment.find("setsid"), Containment.find("unshare"), true, true, false,
                false, null, null, List.of("no sealed root: " + failure));
        SandboxException e = assertThrows(SandboxException.class, unsealed::requireSealed);
        assertEquals(SandboxException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("mount namespaces"), e.getMessage());
        assertTrue(e.getMessage().contains(failure), e.getMessage());
        Containment nothing = new Containment(null, null, false, false, false, false, null, null, List.of());
        String all = assertThrows(SandboxException.class, nothing::requireSealed).getMessage();
        assertTrue(all.contains("PID namespaces") && all.contains("network namespaces") && all.contains("mount namespaces"), all);
    }
}
