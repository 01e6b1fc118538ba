package com.example.playground.scenario;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** What a scenario measured and whether each promise held. PASS only when every check passed. */
final class Report {

    private record Check(String promise, boolean held, String measured) {
    }

    private final String scenario;
    private final List<String> figures = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();

    Report(String scenario) {
        this.scenario = scenario;
    }

    /** A number worth showing that is not a check by itself ("while OPEN: median 3 ms"). */
    public void figure(String format, Object... args) {
        figures.add(format.formatted(args));
    }

    /** Records a promise, whether it held, and the number that says so. */
    public boolean check(String promise, boolean held, String measured) {
        checks.add(new Check(promise, held, measured));
        return held;
    }

    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::held);
    }

    void print(PrintStream out) {
        out.println();
        out.println("Scenario " + scenario);
        figures.forEach(f -> out.println("  " + f));
        for (Check check : checks) {
            out.printf("  [%s] %s (%s)%n", check.held() ? "ok" : "FAILED", check.promise(), check.measured());
        }
        out.println(passed() ? "PASS" : "FAIL");
    }
}
