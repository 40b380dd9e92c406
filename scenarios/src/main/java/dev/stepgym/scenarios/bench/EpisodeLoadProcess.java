package dev.stepgym.scenarios.bench;

import dev.stepgym.protocol.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an {@link EpisodeLoad} in a JVM of its own, on this process's class path, and reads back its
 * result: the load reaches the server over loopback sockets only, as a trainer's client would, and
 * neither side's threads, heap or garbage collection slow the other's inside one JVM.
 */
final class EpisodeLoadProcess {
    /** Time on top of warm-up and measurement for the client to start, connect and drain. */
    private static final long SLACK_SECONDS = 120;

    private EpisodeLoadProcess() {
    }

    static EpisodeLoad.Result run(EpisodeLoad.Plan plan) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-Dai.djl.offline=true");   // nothing of DJL loads here, but keep the rule everywhere
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EpisodeLoad.class.getName());
        command.addAll(plan.arguments());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("DJL_OFFLINE", "true");
        builder.environment().put("OPT_OUT_TRACKING", "true");
        Process process = builder.start();
        try {
            long limit = plan.warmup().toSeconds() + plan.measure().toSeconds() + SLACK_SECONDS;
            // Read stdout alongside, so a client that prints much cannot block, and one that hangs is killed at the limit.
            var output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (var stdout = process.getInputStream()) {
                    return new String(stdout.readAllBytes(), StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            if (!process.waitFor(limit, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the load client did not finish within " + limit + " s");
            }
            String out = output.get(30, TimeUnit.SECONDS);
            if (process.exitValue() != 0 || out.isEmpty()) {
                throw new IllegalStateException("the load client failed (exit " + process.exitValue() + "): " + out);
            }
            String last = out.substring(out.lastIndexOf('\n') + 1);
            return Json.read(last, EpisodeLoad.Result.class);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read the load client's result: " + e, e);
        } finally {
            process.destroyForcibly();
        }
    }
}
