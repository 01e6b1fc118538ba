package com.example.playground.bench;

import com.example.playground.supervisor.ResidentMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * CPU time and resident memory of the stack's processes at one moment: CPU from the JDK's
 * {@link ProcessHandle.Info#totalCpuDuration()}, per process, resident memory from Linux's
 * {@code /proc/PID/status} (VmRSS), where there is one. The difference of two readings is what a
 * phase cost.
 *
 * <p>When the services keep their data in PostgreSQL, the database server's processes on this
 * machine (the postmaster and its backends, named {@code postgres} in {@code /proc/PID/comm}, which
 * any user may read) are counted in the CPU: a commit's work there is as much a saga's cost as a
 * commit in H2, which runs inside the services. Their memory is not: backends share the server's
 * buffers, and adding their resident sizes would count those many times. A server shared with other
 * work would be counted with that work; the report says how many of its processes it found.
 */
record StackUsage(Map<Long, Duration> cpuByProcess, OptionalLong residentBytes, int databaseProcesses) {

    static StackUsage of(Map<String, ProcessHandle> stack, boolean postgres) {
        Map<Long, Duration> cpu = new HashMap<>();
        long resident = 0;
        boolean known = true;
        for (ProcessHandle process : stack.values()) {
            cpu.put(process.pid(), process.info().totalCpuDuration().orElse(Duration.ZERO));
            OptionalLong rss = ResidentMemory.of(process.pid());
            known &= rss.isPresent();
            resident += rss.orElse(0);
        }
        int database = 0;
        if (postgres) {
            for (ProcessHandle process : ProcessHandle.allProcesses().filter(p -> "postgres".equals(name(p.pid()))).toList()) {
                cpu.put(process.pid(), process.info().totalCpuDuration().orElse(Duration.ZERO));
                database++;
            }
        }
        return new StackUsage(cpu, known ? OptionalLong.of(resident) : OptionalLong.empty(), database);
    }

    /**
     * CPU seconds spent between an earlier reading and this one: for a process in both, the
     * difference; for one started since (a new database backend, a restarted app), all of its time.
     * A process that ended in between takes its time with it, unseen.
     */
    double cpuSecondsSince(StackUsage earlier) {
        Duration spent = Duration.ZERO;
        for (Map.Entry<Long, Duration> now : cpuByProcess.entrySet()) {
            spent = spent.plus(now.getValue().minus(earlier.cpuByProcess.getOrDefault(now.getKey(), Duration.ZERO)));
        }
        return spent.toMillis() / 1000.0;
    }

    /** The process's name as the kernel keeps it (Linux), or null. */
    private static String name(long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "comm")).strip();
        } catch (IOException | RuntimeException e) {
            return null; // not Linux, or the process just ended
        }
    }

}
