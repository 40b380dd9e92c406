package dev.stepgym.envs.code.task;

import dev.stepgym.protocol.json.Json;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SWE-bench-style instance over a Git repository made in a temp folder: {@code calc.ops.absolute}
 * returns negative numbers unchanged (the bug, at the base commit); a later commit fixes it (so the
 * instance must be read at its base, not at HEAD); the test patch adds {@code test_absolute}
 * (FAIL_TO_PASS) next to {@code test_add} (PASS_TO_PASS); the gold patch fixes the bug.
 */
public final class SweBenchFixture {
    public static final String OPS = "def add(a, b):\n    return a + b\n\n\ndef absolute(x):\n    \"\"\"|x|.\"\"\"\n    return x\n";
    public static final String OPS_FIXED = OPS.replace("    return x\n", "    return -x if x < 0 else x\n");
    public static final String TESTS = "from calc.ops import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n";
    public static final String TESTS_PATCHED = "from calc.ops import absolute, add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n"
            + "\n\ndef test_absolute():\n    assert absolute(-4) == 4\n    assert absolute(3) == 3\n";

    public final Path suite;
    public final String baseCommit;
    public final String testPatch = UnifiedDiff.diff("tests/test_ops.py", TESTS, TESTS_PATCHED);
    public final String goldPatch = UnifiedDiff.diff("calc/ops.py", OPS, OPS_FIXED);

    /** Makes {@code suite/repos/calc} (a Git repository) and {@code suite/instances.jsonl} with one instance. */
    public SweBenchFixture(Path suite) throws Exception {
        this.suite = suite;
        Path repo = suite.resolve("repos/calc");
        Files.createDirectories(repo.resolve("calc"));
        Files.createDirectories(repo.resolve("tests"));
        PersonIdent who = new PersonIdent("dev", "dev@localhost", Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("calc/__init__.py"), "");
            Files.writeString(repo.resolve("calc/ops.py"), OPS);
            Files.writeString(repo.resolve("tests/test_ops.py"), TESTS);
            git.add().addFilepattern(".").call();
            RevCommit base = git.commit().setMessage("base").setAuthor(who).setCommitter(who).setSign(false).call();
            this.baseCommit = base.name();
            Files.writeString(repo.resolve("calc/ops.py"), OPS_FIXED);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("fix absolute (the answer, which the instance must not show)").setAuthor(who).setCommitter(who)
                    .setSign(false).call();
        }
        writeInstances(List.of(instance(Map.of())));
    }

    /** The instance as a JSON object, with fields changed or added by {@code overrides} (a null value removes one). */
    public Map<String, Object> instance(Map<String, Object> overrides) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("instance_id", "calc__calc-1");
        row.put("repo", "repos/calc");
        row.put("base_commit", baseCommit);
        row.put("problem_statement", "absolute() returns negative numbers unchanged; it should return |x|.");
        row.put("test_patch", testPatch);
        row.put("patch", goldPatch);
        row.put("FAIL_TO_PASS", "[\"tests/test_ops.py::test_absolute\"]"); // JSON in a string, as in the SWE-bench dataset
        row.put("PASS_TO_PASS", List.of("tests/test_ops.py::test_add"));
        row.put("version", "1.0");
        row.put("created_at", "2020-01-01T00:00:00Z");
        overrides.forEach((k, v) -> {
            if (v == null) {
                row.remove(k);
            } else {
                row.put(k, v);
            }
        });
        return row;
    }

    public void writeInstances(List<Map<String, Object>> rows) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> row : rows) {
            text.append(Json.write(row).replace("\n", "")).append('\n');
        }
        Files.writeString(suite.resolve(SweBenchInstances.JSONL), text.toString());
    }
}
