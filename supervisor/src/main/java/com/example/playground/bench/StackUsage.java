package com.example.playground.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * CPU time and resident memory of the stack's processes at one moment: CPU from the JDK's
 * {@link ProcessHandle.Info#totalCpuDuration()}, resident memory from Linux's {@code /proc/PID/status}
 * (VmRSS), where there is one. The difference of two readings is what a phase cost.
 */
record StackUsage(Duration cpu, OptionalLong residentBytes) {

    static StackUsage of(Map<String, ProcessHandle> processes) {
        Duration cpu = Duration.ZERO;
        long resident = 0;
        boolean known = true;
        for (ProcessHandle process : processes.values()) {
            cpu = cpu.plus(process.info().totalCpuDuration().orElse(Duration.ZERO));
            OptionalLong rss = resident(process.pid());
            known &= rss.isPresent();
            resident += rss.orElse(0);
        }
        return new StackUsage(cpu, known ? OptionalLong.of(resident) : OptionalLong.empty());
    }

    /** CPU seconds spent between an earlier reading and this one. */
    double cpuSecondsSince(StackUsage earlier) {
        return cpu.minus(earlier.cpu).toMillis() / 1000.0;
    }

    private static OptionalLong resident(long pid) {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc (not Linux) or the process just ended: unknown, said so in the report.
        }
        return OptionalLong.empty();
    }
}
