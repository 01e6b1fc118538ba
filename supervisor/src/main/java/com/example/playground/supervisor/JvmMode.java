package com.example.playground.supervisor;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How every JVM of the stack is tuned ({@code ./playground up --jvm lean|fast}). Lean, the default,
 * is made for a laptop: C1 only, small stacks and heaps, so nine JVMs start in seconds and fit in
 * 2 GB. Fast trades memory and warm-up for throughput under load: C2 compiles the hot paths, and
 * heaps and the code cache are twice as large. Both keep the serial collector, which suits small
 * heaps on two cores, and the class-data archives (trained once, lean) serve both.
 */
public enum JvmMode {

    LEAN(1, "-XX:TieredStopAtLevel=1", "-Xss256k", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=48m",
            "-XX:MaxMetaspaceSize=192m"),
    FAST(2, "-Xss512k", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=128m", "-XX:MaxMetaspaceSize=256m");

    private final int heapFactor;
    private final List<String> flags;

    JvmMode(int heapFactor, String... flags) {
        this.heapFactor = heapFactor;
        this.flags = List.of(flags);
    }

    /** Every flag but the heap's. */
    public List<String> flags() {
        return flags;
    }

    /** The -Xmx value for a component whose lean heap is {@code leanHeap} ({@code 96m}). */
    public String heap(String leanHeap) {
        int megabytes = Integer.parseInt(leanHeap.substring(0, leanHeap.length() - 1));
        return megabytes * heapFactor + leanHeap.substring(leanHeap.length() - 1);
    }

    /** What users type: lean or fast. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JvmMode parse(String text) {
        return Arrays.stream(values()).filter(mode -> mode.label().equals(text)).findFirst()
                .orElseThrow(() -> new PlaygroundException("--jvm takes lean or fast, not '" + text + "'.",
                        PlaygroundException.USAGE));
    }
}
