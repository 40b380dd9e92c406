package dev.stepgym.scenarios;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A CLI command run in this JVM with standard output and error captured together (progress bars and
 * device lines go to stderr), then echoed to the real standard output for the test log.
 *
 * @param exit the command's exit code
 * @param text what it printed on both streams, interleaved as written
 */
record CliOutput(int exit, String text) {

    static CliOutput bothStreams(Supplier<Integer> command) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        int exit;
        try {
            exit = command.get();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        out.print(text);
        return new CliOutput(exit, text);
    }
}
