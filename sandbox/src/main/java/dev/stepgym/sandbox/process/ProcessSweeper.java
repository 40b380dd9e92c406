package dev.stepgym.sandbox.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Finds and kills the processes a run left, reading {@code /proc}: by session, by process
 * group, or by the run's own uid. Kills repeat until none is left or a deadline passes,
 * because a fork storm can start new processes between one scan and the next.
 */
final class ProcessSweeper {
    private static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);
    private static final Path PROC = Path.of("/proc");

    private ProcessSweeper() {}

    /** One line of the process table. */
    record Proc(long pid, long ppid, long pgrp, long session, int uid, char state) {
        boolean zombie() {
            return state == 'Z' || state == 'X';
        }
    }

    /** Kills every live process of {@code uid}; returns how many are still alive after the deadline. */
    static int killUid(int uid) {
        return killMatching(p -> p.uid() == uid, DEFAULT_DEADLINE);
    }

    /**
     * Kills, until none is left or the deadline passes, every live process matching
     * {@code target}; zombies are skipped (they are dead and only wait for their parent).
     *
     * @return how many matching processes were still alive at the deadline
     */
    static int killMatching(Predicate<Proc> target, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        long self = ProcessHandle.current().pid();
        while (true) {
            List<Proc> alive = snapshot().stream()
                    .filter(p -> !p.zombie() && p.pid() != self && target.test(p))
                    .toList();
            if (alive.isEmpty()) {
                return 0;
            }
            if (System.nanoTime() > end) {
                return alive.size();
            }
            for (Proc p : alive) {
                ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return alive.size();
            }
        }
    }

    /** The live process table; processes that vanish while it is read are left out. */
    static List<Proc> snapshot() {
        List<Proc> table = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isNumeric(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                Proc proc = read(dir);
                if (proc != null) {
                    table.add(proc);
                }
            }
        } catch (IOException e) {
            return List.of(); // no /proc: nothing to sweep with (not Linux)
        }
        return table;
    }

    private static Proc read(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            int uid = -1;
            for (String line : Files.readAllLines(dir.resolve("status"))) {
                if (line.startsWith("Uid:")) {
                    uid = Integer.parseUnsignedInt(line.substring(4).trim().split("\\s+")[0]);
                    break;
                }
            }
            return new Proc(Long.parseLong(dir.getFileName().toString()), Long.parseLong(f[1]),
                    Long.parseLong(f[2]), Long.parseLong(f[3]), uid, f[0].charAt(0));
        } catch (IOException | RuntimeException e) {
            return null; // exited while we read it
        }
    }

    private static boolean isNumeric(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
