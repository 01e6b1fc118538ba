package com.example.playground.controlroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ActivityTests {

    @Test
    void keepsTheLatestLinesNewestFirstWithTheirTime() {
        Activity activity = new Activity();
        IntStream.rangeClosed(1, 20).forEach(i -> activity.add("line " + i));

        assertThat(activity.lines()).hasSize(14);
        assertThat(activity.lines().get(0)).matches("\\d\\d:\\d\\d:\\d\\d  line 20");
        assertThat(activity.lines().get(13)).endsWith("line 7");
    }

    @Test
    void whatTheSupervisorPrintsBecomesOneLineEach() {
        Activity activity = new Activity();

        activity.printStream().print("Killed payment-service (pid 7).\n\n  stopped kafka  \n");

        assertThat(activity.lines()).hasSize(2);
        assertThat(activity.lines().get(0)).endsWith("stopped kafka");
        assertThat(activity.lines().get(1)).endsWith("Killed payment-service (pid 7).");
    }
}
