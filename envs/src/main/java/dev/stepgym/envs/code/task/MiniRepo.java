package dev.stepgym.envs.code.task;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A small, correct, pyright-clean Python package of the built-in suite: every task of the suite
 * starts from one of these and breaks it a little ({@link Mutation}).
 *
 * @param packageName the import name, also the folder holding the sources
 * @param files       repository-relative path to text, sorted (so written output is deterministic)
 */
record MiniRepo(String packageName, SortedMap<String, String> files) {
    static final String PYRIGHT_CONFIG = "{\n  \"typeCheckingMode\": \"standard\"\n}\n";

    MiniRepo {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }
}
