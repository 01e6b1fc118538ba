package com.example.playground.benchmarks;

/**
 * What a simulation is told by {@code ./playground bench}: system properties the supervisor passes
 * through Maven to Gatling's JVM ({@code -Dbench.rate=50}). The defaults let a simulation run by hand
 * against a playground on the default ports ({@code ./mvnw -pl benchmarks gatling:test
 * -Dgatling.simulationClass=...}).
 */
final class BenchSettings {

    private BenchSettings() {
    }

    static String text(String name, String fallback) {
        String value = System.getProperty("bench." + name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    static int number(String name, int fallback) {
        return Integer.parseInt(text(name, String.valueOf(fallback)));
    }

    static double decimal(String name, double fallback) {
        return Double.parseDouble(text(name, String.valueOf(fallback)));
    }
}
