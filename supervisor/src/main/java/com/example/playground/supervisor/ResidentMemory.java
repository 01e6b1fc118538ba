package com.example.playground.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** A process's resident memory as Linux counts it ({@code VmRSS} in {@code /proc/PID/status}). */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    /** Bytes resident now; empty where there is no {@code /proc} (not Linux) or the process just ended. */
    public static OptionalLong of(long pid) {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process just ended: unknown, and the caller says so.
        }
        return OptionalLong.empty();
    }
}
