package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What 'up --autoscale' takes: SERVICE=MIN..MAX for services only, within 1..3; anything else refused. */
class AutoscaleRuleTests {

    @TempDir
    Path home;

    @Test
    void aRuleIsAServiceAndItsBounds() {
        assertThat(AutoscaleRule.parse("inventory-service=1..3"))
                .containsExactly(new AutoscaleRule("inventory-service", 1, 3));
        assertThat(AutoscaleRule.parse("inventory-service=1..3, payment-service=2..2")).extracting(AutoscaleRule::toString)
                .containsExactly("inventory-service=1..3", "payment-service=2..2");
        assertThat(AutoscaleRule.parse("off")).isEmpty();
        assertThat(new AutoscaleRule("inventory-service", 1, 3).bounded(5)).isEqualTo(3);
        assertThat(new AutoscaleRule("inventory-service", 2, 3).bounded(1)).isEqualTo(2);
    }

    @Test
    void anythingElseIsAUsageErrorThatSaysWhatItTakes() {
        assertThatThrownBy(() -> AutoscaleRule.parse("inventory-service=3")).isInstanceOf(PlaygroundException.class)
                .hasMessageContaining("--autoscale takes SERVICE=MIN..MAX").hasMessageContaining("not 'inventory-service=3'");
        assertThatThrownBy(() -> AutoscaleRule.parse("inventory-service=0..2")).hasMessageContaining("1 <= MIN <= MAX <= 3");
        assertThatThrownBy(() -> AutoscaleRule.parse("inventory-service=1..4")).hasMessageContaining("not 1..4");
        assertThatThrownBy(() -> AutoscaleRule.parse("inventory-service=3..1")).hasMessageContaining("not 3..1");
        assertThatThrownBy(() -> AutoscaleRule.parse("gateway=1..2")).hasMessageContaining("Only a service can scale");
        assertThatThrownBy(() -> AutoscaleRule.parse("warehouse=1..2")).hasMessageContaining("no process called 'warehouse'");
        assertThatThrownBy(() -> AutoscaleRule.parse("inventory-service=1..2,inventory-service=1..3"))
                .hasMessageContaining("names inventory-service twice");
    }

    @Test
    void theRulesAreRememberedUntilDownAndADamagedFileMeansNone() throws Exception {
        RememberedSettings settings = new RememberedSettings(new StateFolder(home, home.resolve(".playground")));
        assertThat(settings.autoscale()).isEmpty();

        settings.rememberAutoscale(List.of(new AutoscaleRule("inventory-service", 1, 3)));
        assertThat(new RememberedSettings(new StateFolder(home, home.resolve(".playground"))).autoscale())
                .containsExactly(new AutoscaleRule("inventory-service", 1, 3));

        java.nio.file.Files.writeString(home.resolve(".playground/run/autoscale"), "inventory-service=9..9");
        assertThat(settings.autoscale()).isEmpty();

        settings.rememberAutoscale(List.of(new AutoscaleRule("inventory-service", 1, 2)));
        settings.forget();
        assertThat(settings.autoscale()).isEmpty();
    }
}
