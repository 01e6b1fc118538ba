package com.example.playground.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.Supervisor;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The answer an observe lab's 'solution --apply' keeps for 'lab check', until the lab starts again. */
class LabBenchTests {

    @TempDir
    Path home;

    LabBench bench() {
        return new LabBench(new Supervisor(home, home.resolve("state"), Stack.withPortOffset(0),
                new PrintStream(OutputStream.nullOutputStream())), null, System.out);
    }

    @Test
    void aSavedAnswerIsThereForTheNextCommandUntilItIsForgotten() {
        bench().saveAnswer("follow-an-order", "6b0ed117e8ebb5e885bde3a207379418\n");

        assertThat(bench().savedAnswer("follow-an-order")).contains("6b0ed117e8ebb5e885bde3a207379418");
        assertThat(bench().savedAnswer("breaker-watch")).isEmpty();
        assertThat(home.resolve("state/labs/follow-an-order.answer")).exists();

        bench().forgetAnswer("follow-an-order");

        assertThat(bench().savedAnswer("follow-an-order")).isEmpty();
        bench().forgetAnswer("follow-an-order");
    }
}
