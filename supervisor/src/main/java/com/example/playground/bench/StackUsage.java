package com.example.playground.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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

    /**
     * The stack's processes and, when its services keep their data in PostgreSQL, the database
     * server's processes on this machine (the postmaster and its backends): a commit's work there is
     * as much a saga's cost as a commit in H2, which runs inside the services. A server shared with
     * other work on the machine would be counted with that work; the report names what it counted.
     */
    static Map<String, ProcessHandle> measured(Map<String, ProcessHandle> stack, boolean postgres) {
        Map<String, ProcessHandle> measured = new LinkedHashMap<>(stack);
        if (postgres) {
            ProcessHandle.allProcesses()
                    .filter(process -> process.info().command().filter(command -> command.endsWith("/postgres")).isPresent())
                    .forEach(process -> measured.put("postgres " + process.pid(), process));
        }
        return measured;
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
