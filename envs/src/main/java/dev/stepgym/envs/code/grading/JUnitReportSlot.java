package dev.stepgym.envs.code.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where one test run writes its JUnit XML report, and how the run is told.
 *
 * <p>The report goes into a folder with a random name made in the run's root just before the run
 * ({@code .stepgym-junit-<32 hex>/junit.xml}) and deleted right after it: the sealed run sees only
 * its workspace, so the report has to be written there, and the folder never outlives the run (the
 * agent's workspace, its diff and its file list never show it). The run is told three ways, all
 * naming the same file as the run sees it ({@code /workspace/...} in the sealed root):
 * <ul>
 *   <li>{@code PYTEST_ADDOPTS=--junitxml=<file> -o cache_dir=/tmp/.pytest_cache}: every pytest the
 *       command starts writes the report (and keeps its cache in the run's private /tmp, not in the
 *       workspace);</li>
 *   <li>{@value #PLACEHOLDER} in a test command's arguments is replaced by the file;</li>
 *   <li>{@value #ENV} holds the file, for a runner script of the task's own.</li>
 * </ul>
 *
 * <p>What this does and does not protect (docs/code-tasks.md): the report is written by the test
 * process, which imports the agent's code, so that code can always write it (it can read the path
 * from its environment), just as it could make the tests pass by patching the runner. What the
 * fresh random folder rules out is a report planted in advance, or a link planted where the report
 * goes (the file is read only if it is a regular file, never through a link); the reader is bounded
 * and safe against XML tricks ({@link JUnitXml}); and a run counts as passed only with exit status 0.
 *
 * <pre>{@code
 * try (JUnitReportSlot slot = JUnitReportSlot.open(root, "/workspace")) {
 *     runner.run(ProcessSpec.builder(slot.command(argv), root).env(slot.environment()).build());
 *     JUnitXml.Result report = slot.read();
 * }
 * }</pre>
 */
public final class JUnitReportSlot implements AutoCloseable {
    /** Replaced in test commands by the report's path as the run sees it. */
    public static final String PLACEHOLDER = "{junit_xml}";
    /** Environment variable holding the report's path as the run sees it. */
    public static final String ENV = "STEPGYM_JUNIT_XML";
    static final String FOLDER_PREFIX = ".stepgym-junit-";
    static final String FILE = "junit.xml";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path folder;
    private final String visibleFile;

    private JUnitReportSlot(Path folder, String visibleFile) {
        this.folder = folder;
        this.visibleFile = visibleFile;
    }

    /**
     * Makes the folder in {@code root}.
     *
     * @param visibleRoot {@code root} as the run sees it ({@code /workspace} in a sealed root)
     */
    public static JUnitReportSlot open(Path root, String visibleRoot) {
        byte[] token = new byte[16];
        RANDOM.nextBytes(token);
        String name = FOLDER_PREFIX + HexFormat.of().formatHex(token);
        Path folder = root.resolve(name);
        try {
            Files.createDirectory(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the test report folder in " + root + ": " + e.getMessage(), e);
        }
        String base = visibleRoot.endsWith("/") ? visibleRoot : visibleRoot + "/";
        return new JUnitReportSlot(folder, base + name + "/" + FILE);
    }

    /** The report's path as the run sees it. */
    public String visibleFile() {
        return visibleFile;
    }

    /** The command with {@value #PLACEHOLDER} replaced by {@link #visibleFile()}. */
    public List<String> command(List<String> command) {
        List<String> out = new ArrayList<>(command.size());
        for (String arg : command) {
            out.add(arg.replace(PLACEHOLDER, visibleFile));
        }
        return out;
    }

    /** The variables that tell the run where to write its report. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PYTEST_ADDOPTS", "--junitxml=" + visibleFile + " -o cache_dir=/tmp/.pytest_cache");
        env.put(ENV, visibleFile);
        return env;
    }

    /** The report the run wrote, or the reason there is none. */
    public JUnitXml.Result read() {
        return JUnitXml.read(folder.resolve(FILE));
    }

    /** Deletes the folder and whatever the run left in it, following no link. */
    @Override
    public void close() {
        if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a leftover report folder is removed by the next workspace reset (git clean)
        }
    }
}
