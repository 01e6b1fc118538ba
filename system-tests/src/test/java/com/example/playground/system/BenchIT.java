package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.bench.Bench;
import com.example.playground.bench.BenchOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code ./playground bench --smoke} on the shared stack: the harness works end to end (Gatling
 * through Maven, order-service's timings, the summary and the HTML reports). Its figures are
 * timings of a few seconds on a busy CI machine, so none is asserted; what is asserted is what the
 * run must show whatever the speed: every order sent was accepted and ended as its mix says.
 */
class BenchIT {

    @Test
    void smokeRunPrintsTheSummaryAndKeepsGatlingsReports() throws IOException {
        RunningStack stack = RunningStack.get();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        new Bench(stack.supervisor, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(BenchOptions.of(null, null, null, null, true));

        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        // 5 orders/s for 3 s per style: 15 orders, of which two are bob's (no credit) and one a rare coin.
        assertThat(output).contains("| orders at 5/s for 3 s | orchestration | choreography |",
                "| sent / accepted (201) | 15 / 15 | 15 / 15 |",
                "| ended: approved / rejected | 12 / 3 | 12 / 3 |",
                "| refused, by status | none | none |",
                "for the run the gateway's rate limit was lifted and tracing sampled at 0.1",
                "ratio ");
        Path run = newestRun(stack.supervisor.state().root().resolve("bench"));
        assertThat(Files.readString(run.resolve("summary.md"))).contains("| sent / accepted (201) | 15 / 15 | 15 / 15 |");
        for (String phase : List.of("gateway-ratio", "orchestration", "choreography")) {
            try (Stream<Path> files = Files.walk(run.resolve(phase))) {
                assertThat(files.map(p -> p.getFileName().toString())).as(phase).contains("index.html");
            }
        }
        // The rate limit and the sampling are back: the overlays no longer change them.
        assertThat(stack.supervisor.configuration().overlay("gateway")).doesNotContainKeys(Bench.RATE_LIMIT, Bench.SAMPLING);
        assertThat(stack.supervisor.configuration().overlay("order-service")).doesNotContainKey(Bench.SAMPLING);
    }

    private static Path newestRun(Path bench) throws IOException {
        try (Stream<Path> runs = Files.list(bench)) {
            return runs.max(Comparator.comparing(Path::getFileName)).orElseThrow();
        }
    }
}
