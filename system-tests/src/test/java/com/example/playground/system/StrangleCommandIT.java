package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.playground.supervisor.Configuration;
import com.example.playground.supervisor.PlaygroundException;
import com.example.playground.supervisor.Strangler;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./playground strangle} against the real gateway: a share is live at once and kept in the
 * gateway's overlay for its next start; the rollback to the packaged 0 leaves nothing in the overlay
 * (so {@code config diff} shows nothing); a refused share changes neither. Which side answers at each
 * share is the strangler-fig scenario's part ({@link ScenariosIT}).
 */
class StrangleCommandIT {

    static final String KEY = "playground.gateway.strangler.shares.products";

    static Strangler strangler;
    static Configuration configuration;

    @BeforeAll
    static void startTheStack() {
        RunningStack stack = RunningStack.get();
        strangler = stack.supervisor.strangler();
        configuration = stack.supervisor.configuration();
    }

    @Test
    void aShareIsLiveAndRememberedAndTheRollbackLeavesTheOverlayClean() {
        strangler.share("products", 30);
        assertThat(strangler.shares()).containsEntry("products", 30);
        assertThat(configuration.overlay("gateway")).containsEntry(KEY, "30");

        assertThatThrownBy(() -> strangler.share("products", 101)).isInstanceOf(PlaygroundException.class)
                .hasMessageContaining("refused products at 101%");
        assertThatThrownBy(() -> strangler.share("catalogue", 10)).isInstanceOf(PlaygroundException.class)
                .hasMessageContaining("'./playground strangle' lists the routes");
        // The canary's share is a strangled route too (docs/patterns/canary-release.md), untouched here.
        assertThat(strangler.shares()).isEqualTo(Map.of("inventory-canary", 0, "products", 30));
        assertThat(configuration.overlay("gateway")).containsEntry(KEY, "30").doesNotContainKey(
                "playground.gateway.strangler.shares.catalogue");

        strangler.share("products", 0);
        assertThat(strangler.shares()).containsEntry("products", 0);
        assertThat(configuration.overlay("gateway")).doesNotContainKey(KEY);
    }

    @AfterAll
    static void backToThePackagedShare() {
        strangler.share("products", 0);
    }
}
