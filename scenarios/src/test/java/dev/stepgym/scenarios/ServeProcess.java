package dev.stepgym.scenarios;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code stepgym serve} in its own JVM on a free loopback port, so a test can send it a real
 * SIGTERM. Its output is kept (bounded) for failure messages.
 */
final class ServeProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)");
    private static final int KEPT_LINES = 400;

    private final Process process;
    private final ConcurrentLinkedQueue<String> output = new ConcurrentLinkedQueue<>();
    private final int port;
    private Thread drain;

    private ServeProcess(Process process) throws Exception {
        this.process = process;
        this.port = awaitPort();
    }

    /** Starts {@code stepgym serve --port 0 --record-dir records} plus {@code extraArgs}; returns once it listens. */
    static ServeProcess start(Path records, String... extraArgs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), "dev.stepgym.scenarios.cli.StepGymCli",
                "serve", "--port", "0", "--record-dir", records.toString()));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            return new ServeProcess(process);
        } catch (Exception | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Sends SIGTERM and waits (bounded) for the JVM to exit; true if it did. */
    boolean terminate(long timeout, TimeUnit unit) throws InterruptedException {
        process.destroy(); // SIGTERM
        boolean exited = process.waitFor(timeout, unit);
        if (exited) {
            drain.join(5000); // the last lines, for failure messages
        }
        return exited;
    }

    /** What the server printed so far (the last few hundred lines). */
    String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private int awaitPort() throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            keep(line);
            Matcher m = SERVING.matcher(line);
            if (line.startsWith("stepgym: serving") && m.find()) {
                drain = new Thread(() -> {
                    try {
                        out.lines().forEach(this::keep);
                    } catch (java.io.UncheckedIOException closed) {
                        // the process was killed: nothing more to read
                    }
                }, "serve-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("serve did not report its port; output:\n" + output());
    }

    private void keep(String line) {
        output.add(line);
        while (output.size() > KEPT_LINES) {
            output.poll();
        }
    }
}
