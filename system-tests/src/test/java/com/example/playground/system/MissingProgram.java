package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A scenario or lab that needs a program this machine does not have (HAProxy for the sidecar) is
 * skipped, saying why; CI, which installs it, requires it ({@code PLAYGROUND_REQUIRE_HAPROXY}) and
 * fails instead.
 */
final class MissingProgram {

    private MissingProgram() {
    }

    static void skipUnlessRequired(String name, Optional<String> cannotRunHere) {
        cannotRunHere.ifPresent(reason -> {
            assertThat(System.getenv("PLAYGROUND_REQUIRE_HAPROXY")).as(name + " cannot run: " + reason).isNull();
            Assumptions.abort(name + " skipped: " + reason);
        });
    }
}
