package dev.stepgym.envs.code.task;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the built-in suite's Python sources from the classpath. Layout under {@link #ROOT}:
 * {@code <package>/repo/<package>/*.py} (the correct package), {@code <package>/<task>/test_visible.py}
 * and {@code test_hidden.py}, and {@code _shared/checks.py} (source checks the tests import).
 */
final class SuiteResources {
    static final String ROOT = "/dev/stepgym/envs/code/task/builtin/";
    static final String CHECKS_FILE = "tests/checks.py";

    private SuiteResources() {
    }

    /** The correct mini repository {@code packageName}, made of the named module files plus the shared scaffolding. */
    static MiniRepo repo(String packageName, String... moduleFiles) {
        SortedMap<String, String> files = new TreeMap<>();
        files.put("pyrightconfig.json", MiniRepo.PYRIGHT_CONFIG);
        files.put("tests/__init__.py", "");
        files.put(CHECKS_FILE, checks());
        for (String file : moduleFiles) {
            files.put(packageName + "/" + file, text(packageName + "/repo/" + packageName + "/" + file));
        }
        return new MiniRepo(packageName, files);
    }

    /** A task of {@code repo} whose tests are {@code <package>/<name>/test_visible.py} and {@code test_hidden.py}. */
    static SuiteTask task(MiniRepo repo, String name, String category, String instruction, List<String> targetFiles,
                          Mutation... breakage) {
        String folder = repo.packageName() + "/" + name + "/";
        return new SuiteTask(name, category, instruction, repo, Arrays.asList(breakage),
                text(folder + "test_visible.py"), text(folder + "test_hidden.py"), targetFiles);
    }

    static String checks() {
        return text("_shared/checks.py");
    }

    /** Joins source lines, each ending in a newline: a snippet for {@link Mutation#replace}. */
    static String py(String... lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static String text(String relative) {
        try (InputStream in = SuiteResources.class.getResourceAsStream(ROOT + relative)) {
            if (in == null) {
                throw new IllegalStateException("built-in suite resource missing from the classpath: " + ROOT + relative);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in suite resource " + relative, e);
        }
    }
}
