package dev.stepgym.envs.code;

import dev.stepgym.sandbox.process.ProcessRunner;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A test command's report and its output, normalised so that two runs of the same code print the
 * same bytes: the workspace path (on the host, or {@code /workspace} as a sealed run sees it) becomes {@code .} and unittest's timing becomes {@code <t>}.
 */
record TestRun(TestReport report, String output, boolean truncated) {
    private static final Pattern TIMING = Pattern.compile("in \\d+\\.\\d+s");
    /** Output shown in an observation: its end, where unittest's summary and the failures are. */
    static final int SHOWN_CHARS = 3_000;

    static String normalise(String output, Path root) {
        String s = output;
        for (String shown : new String[] {root.toString(), ProcessRunner.SEALED_WORK_DIR}) {
            s = s.replace(shown + "/", "");
            s = Pattern.compile(Pattern.quote(shown) + "(?![\\w.-])").matcher(s).replaceAll(".");
        }
        return TIMING.matcher(s).replaceAll("in <t>s");
    }

    String tail() {
        return output.length() <= SHOWN_CHARS ? output : "…" + output.substring(output.length() - SHOWN_CHARS);
    }
}
