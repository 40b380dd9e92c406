package dev.stepgym.envs.code.task;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One task of the built-in suite before it is written to disk.
 *
 * @param name        short name, unique within its repository; the task id is {@code repo-name}
 * @param category    e.g. {@code fix-type-error}
 * @param instruction what the agent is told
 * @param repo        the correct repository the task starts from
 * @param breakage    applied in order to the correct files to give the task's starting files
 * @param visibleTest {@code tests/test_visible.py}, part of the repository
 * @param hiddenTest  {@code hidden/tests/test_hidden.py}
 * @param targetFiles files the task is about
 */
record SuiteTask(String name, String category, String instruction, MiniRepo repo, List<Mutation> breakage,
                 String visibleTest, String hiddenTest, List<String> targetFiles) {
    static final String VISIBLE_TEST_FILE = "tests/test_visible.py";
    static final String HIDDEN_TEST_FILE = "tests/test_hidden.py";

    SuiteTask {
        breakage = List.copyOf(breakage);
        targetFiles = List.copyOf(targetFiles);
    }

    String id() {
        return repo.packageName() + "-" + name;
    }

    /** The repository as a correct solution leaves it. */
    SortedMap<String, String> solvedFiles() {
        SortedMap<String, String> files = new TreeMap<>(repo.files());
        files.put(VISIBLE_TEST_FILE, visibleTest);
        return files;
    }

    /** The repository the agent starts from. */
    SortedMap<String, String> startFiles() {
        SortedMap<String, String> files = solvedFiles();
        for (Mutation mutation : breakage) {
            files = mutation.apply(files);
        }
        return files;
    }
}
