package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.lab.Labs;
import com.example.playground.supervisor.Supervisor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labs of one stack tried both ways, as an attendee would: LabsIT on the shared H2 stack, OnPostgresIT on its own. */
final class LabRunner {

    final Labs labs;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    LabRunner(Supervisor supervisor) {
        this.labs = new Labs(supervisor, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    /** Started: its check FAILS and says what is still wrong; its solution applied: it PASSES. */
    void bothWays(String lab, String stillWrong) {
        labs.start(lab);
        assertThat(check(lab)).as("right after the start").isFalse();
        assertThat(lastOutput()).contains("[still wrong] ").contains(stillWrong).endsWith("FAIL\n");

        labs.solution(lab, true);
        boolean passed = check(lab);
        assertThat(passed).as(lastOutput()).isTrue();
        assertThat(lastOutput()).doesNotContain("still wrong").endsWith("PASS\n");
    }

    private boolean check(String lab) {
        printed.reset();
        boolean passed = labs.check(lab, null);
        System.out.print(lastOutput());
        return passed;
    }

    private String lastOutput() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** Name, still-wrong text, name, still-wrong text... kept in their order. */
    static Map<String, String> inOrder(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
