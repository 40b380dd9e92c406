package dev.stepgym.scenarios.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The Chromium processes this JVM started (directly or through Playwright's Node driver), read from
 * {@code /proc}: how many, and their memory. RSS counts memory shared between them once per process (an
 * upper bound); PSS splits shared pages between the processes that share them (a sum that adds up).
 *
 * @param pids     the processes, browsers and their renderers, GPU and utility children
 * @param rssBytes resident set sizes summed
 * @param pssBytes proportional set sizes summed ({@code /proc/PID/smaps_rollup}; 0 where unreadable)
 */
record ChromiumProcesses(List<Long> pids, long rssBytes, long pssBytes) {

    /** A snapshot of the Chromium processes below this JVM now. */
    static ChromiumProcesses ofThisJvm() {
        List<Long> pids = ProcessHandle.current().descendants()
                .filter(p -> p.isAlive() && p.info().command().map(ChromiumProcesses::isChromium).orElse(false))
                .map(ProcessHandle::pid)
                .toList();
        long rss = 0;
        long pss = 0;
        for (long pid : pids) {
            rss += kiloBytesField(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:") * 1024;
            pss += kiloBytesField(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:") * 1024;
        }
        return new ChromiumProcesses(pids, rss, pss);
    }

    int count() {
        return pids.size();
    }

    /** How many of these processes still run (they may have left this JVM's tree as orphans). */
    static long stillAlive(Set<Long> pids) {
        return pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).count();
    }

    private static boolean isChromium(String command) {
        String name = Path.of(command).getFileName().toString();
        return name.equals("chromium") || name.equals("chrome") || name.equals("chromium-browser");
    }

    private static long kiloBytesField(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            // A process that exited meanwhile, or a kernel without the file: it counts nothing.
        }
        return 0;
    }
}
