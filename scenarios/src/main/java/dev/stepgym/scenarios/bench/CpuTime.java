package dev.stepgym.scenarios.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/** CPU time of this process, all threads: what a side of a load costs, however busy the machine is. */
final class CpuTime {
    private CpuTime() {
    }

    static long processNanos() {
        return ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime();
    }
}
