package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** http/try-it.http against the real stack, in order, as an editor's HTTP client sends it: every request answers its expected status. */
class HttpFilesIT {

    @Test
    void theReadmesRequestFileRunsAndEveryRequestAnswersWhatItSays() throws Exception {
        RunningStack stack = RunningStack.get();

        List<HttpFile.Sent> sent = HttpFile.read(HttpFilesTests.TRY_IT)
                .run(Map.of("gateway", "http://127.0.0.1:" + stack.supervisor.stack().gatewayPort()));

        assertThat(sent).hasSize(10).allSatisfy(s -> assertThat(s.status())
                .as("%s: %s %s answered %s", s.request().title(), s.request().method(), s.url(), s.body())
                .isEqualTo(s.request().expect()));
        assertThat(sent.get(9).body()).contains("urn:playground:problem:validation-failed");
    }
}
