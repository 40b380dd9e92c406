package dev.stepgym.envs.code.task;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a built-in task breaks its (correct) mini repository. The reference patch is the diff from
 * the broken files back to the correct ones, so it is right by construction.
 */
sealed interface Mutation {

    SortedMap<String, String> apply(SortedMap<String, String> files);

    /** Replaces the one occurrence of {@code correct} in {@code path} with {@code broken}. */
    static Mutation replace(String path, String correct, String broken) {
        return new Replace(path, correct, broken);
    }

    /** Renames identifier {@code newName} back to {@code oldName} in every Python file under {@code folder}. */
    static Mutation rename(String folder, String newName, String oldName) {
        return new Rename(folder, newName, oldName);
    }

    record Replace(String path, String correct, String broken) implements Mutation {
        @Override
        public SortedMap<String, String> apply(SortedMap<String, String> files) {
            String text = files.get(path);
            if (text == null) {
                throw new IllegalStateException("built-in suite: no file " + path);
            }
            int first = text.indexOf(correct);
            if (first < 0 || text.indexOf(correct, first + 1) >= 0) {
                throw new IllegalStateException("built-in suite: " + path + " must contain exactly one " + correct);
            }
            SortedMap<String, String> out = new TreeMap<>(files);
            out.put(path, text.replace(correct, broken));
            return out;
        }
    }

    record Rename(String folder, String newName, String oldName) implements Mutation {
        @Override
        public SortedMap<String, String> apply(SortedMap<String, String> files) {
            Pattern word = Pattern.compile("\\b" + Pattern.quote(newName) + "\\b");
            SortedMap<String, String> out = new TreeMap<>(files);
            int changed = 0;
            for (var entry : files.entrySet()) {
                if (entry.getKey().startsWith(folder + "/") && entry.getKey().endsWith(".py")) {
                    String renamed = word.matcher(entry.getValue()).replaceAll(Matcher.quoteReplacement(oldName));
                    if (!renamed.equals(entry.getValue())) {
                        out.put(entry.getKey(), renamed);
                        changed++;
                    }
                }
            }
            if (changed < 2) {
                throw new IllegalStateException("built-in suite: renaming " + newName + " must touch several files of " + folder);
            }
            return out;
        }
    }
}
