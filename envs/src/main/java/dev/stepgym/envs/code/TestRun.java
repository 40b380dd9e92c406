package dev.stepgym.envs.code;

import dev.stepgym.sandbox.process.ProcessRunner;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A test command's report and its output, normalised so that two runs of the same code print the
 * same bytes: the workspace path (on the host, or {@code /workspace} as a sealed run sees it) becomes {@code .}, unittest's and pytest's timings become {@code <t>}
 * and the random name of the run's report folder becomes {@code <id>}.
 */
record TestRun(TestReport report, String output, boolean truncated) {
    /** unittest's {@code in 0.003s}, pytest's {@code in 0.12s} and {@code in 61.20s (0:01:01)}. */
    private static final Pattern TIMING = Pattern.compile("in \\d+(?:\\.\\d+)?s(?: \\(\\d+:\\d\\d:\\d\\d(?:\\.\\d+)?\\))?");
    /** The random folder of a run's JUnit XML report, as pytest names it ("generated xml file: ..."). */
    private static final Pattern REPORT_FOLDER = Pattern.compile("\\.stepgym-junit-[0-9a-f]{32}");
    /** Output shown in an observation: its end, where unittest's summary and the failures are. */
    static final int SHOWN_CHARS = 3_000;

    static String normalise(String output, Path root) {
        String s = output;
        for (String shown : new String[] {root.toString(), ProcessRunner.SEALED_WORK_DIR}) {
            s = s.replace(shown + "/", "");
            s = Pattern.compile(Pattern.quote(shown) + "(?![\\w.-])").matcher(s).replaceAll(".");
        }
        s = REPORT_FOLDER.matcher(s).replaceAll(".stepgym-junit-<id>");
        return TIMING.matcher(s).replaceAll("in <t>s");
    }

    String tail() {
        return output.length() <= SHOWN_CHARS ? output : "…" + output.substring(output.length() - SHOWN_CHARS);
    }
}
