package dev.stepgym.envs.code.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One key per test, whatever names it: a pytest node id ({@code tests/test_a.py::TestX::test_y[1]}),
 * a JUnit XML test case ({@code classname="tests.test_a.TestX" name="test_y[1]"}), or a unittest
 * name ({@code test_y (tests.test_a.TestX)}, or Python 3.11's {@code test_y (tests.test_a.TestX.test_y)}).
 * All become the dotted form pytest's JUnit XML writes: {@code tests.test_a.TestX.test_y[1]}.
 *
 * <pre>{@code
 * TestIds.key("tests/test_a.py::TestX::test_y[1]");   // "tests.test_a.TestX.test_y[1]"
 * TestIds.key("test_y (tests.test_a.TestX)");         // "tests.test_a.TestX.test_y"
 * }</pre>
 */
public final class TestIds {
    private static final Pattern UNITTEST = Pattern.compile("^(\\S+) \\(([^()\\s]+)\\)$");

    private TestIds() {
    }

    /** The key of a test named in any of the forms above; other names are kept as they are (trimmed). */
    public static String key(String id) {
        String s = id.strip();
        Matcher unittest = UNITTEST.matcher(s);
        if (unittest.matches()) {
            String method = unittest.group(1);
            String owner = unittest.group(2);
            return owner.endsWith("." + method) ? owner : owner + "." + method;
        }
        if (s.contains("::") || s.endsWith(".py")) {
            return mangleNodeId(s);
        }
        return s;
    }

    /** The key of a JUnit XML test case, as pytest writes it: classname + "." + name. */
    public static String key(String classname, String name) {
        return classname == null || classname.isEmpty() ? name : classname + "." + name;
    }

    /**
     * What pytest's junitxml plugin does to a node id ({@code mangle_test_address}): the path's
     * {@code /} become {@code .}, {@code .py} goes, {@code ::} become {@code .}; parameters stay.
     */
    private static String mangleNodeId(String nodeId) {
        int bracket = nodeId.indexOf('[');
        String path = bracket < 0 ? nodeId : nodeId.substring(0, bracket);
        String params = bracket < 0 ? "" : nodeId.substring(bracket);
        List<String> names = new ArrayList<>(List.of(path.split("::", -1)));
        names.set(0, names.get(0).replace('/', '.').replaceAll("\\.py$", ""));
        return String.join(".", names) + params;
    }

    /**
     * The result of the test {@code id} names in {@code cases}: by its key, or, for a bare name
     * ({@code test_y}), by the one case whose key ends with it. Empty when no case (or several) match.
     */
    public static Optional<Boolean> lookup(Map<String, Boolean> cases, String id) {
        String key = key(id);
        Boolean exact = cases.get(key);
        if (exact != null) {
            return Optional.of(exact);
        }
        Boolean found = null;
        int matches = 0;
        for (Map.Entry<String, Boolean> c : cases.entrySet()) {
            if (c.getKey().endsWith("." + key)) {
                found = c.getValue();
                matches++;
            }
        }
        return matches == 1 ? Optional.of(found) : Optional.empty();
    }
}
