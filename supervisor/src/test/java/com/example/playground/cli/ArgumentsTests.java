package com.example.playground.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.playground.supervisor.Component;
import com.example.playground.supervisor.JvmMode;
import com.example.playground.supervisor.RememberedSettings;
import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.StateFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArgumentsTests {

    @TempDir
    Path home;

    RememberedSettings remembered() {
        return new RememberedSettings(new StateFolder(home, home.resolve(".playground")));
    }

    @Test
    void breakPassesEveryKindOfFaultOnByNameWithoutKnowingThem() {
        Arguments arguments = Arguments.of("break", "order-service", "--target", "inventory-service",
                "--latency", "100-300", "--error-rate", "0.5", "--hang", "--some-future-kind", "7");

        assertThat(arguments.name()).isEqualTo("order-service");
        assertThat(arguments.option("--target")).isEqualTo("inventory-service");
        assertThat(arguments.faultSettings()).containsExactly(java.util.Map.entry("latency", "100-300"),
                java.util.Map.entry("error-rate", "0.5"), java.util.Map.entry("hang", "true"),
                java.util.Map.entry("some-future-kind", "7"));
        assertThat(Arguments.of("break", "payment-service").faultSettings()).isEmpty();
    }

    @Test
    void aLooseWordAfterTheServiceIsRefusedRatherThanIgnored() {
        // Once ignored: the inbound target was broken instead of the one meant.
        assertThatThrownBy(() -> Arguments.of("break", "order-service", "two-phase-commit-decision", "--hang").faultSettings())
                .hasMessageStartingWith("'two-phase-commit-decision' is not an option of break: a target is named with"
                        + " --target two-phase-commit-decision");
    }

    @Test
    void anOptionWithoutItsValueIsAUsageError() {
        assertThatThrownBy(() -> Arguments.of("up", "--timeout").timeout()).hasMessage("--timeout needs a value.");
        assertThatThrownBy(() -> Arguments.of("up", "--timeout", "soon").timeout())
                .hasMessage("--timeout takes a number of seconds.");
        assertThat(Arguments.of("up").timeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(Arguments.of("restart", "gateway", "--timeout", "30").timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void instancesAddNamedInstancesOnPortsOfTheirOwn() {
        Stack stack = Arguments.of("up", "--instances", "inventory-service=2").stack(remembered(), 0);

        Component second = stack.component("inventory-service-2");
        assertThat(second.module()).isEqualTo("inventory-service");
        assertThat(second.port()).isEqualTo(8093);
        assertThat(second.managementPort()).isEqualTo(8193);
        assertThat(second.registryId()).isEqualTo("inventory-service:8093");
        assertThat(stack.instancesOf("inventory-service")).isEqualTo(2);
        assertThat(stack.names()).containsSubsequence("inventory-service", "inventory-service-2", "gateway");
    }

    @Test
    void withAddsAnOptInProcessAndWithoutTakesItAwayAnUnknownNameIsAUsageError() {
        assertThat(Arguments.of("up", "--with", "monolith").stack(remembered(), 0).find("monolith")).isPresent();
        assertThat(Arguments.of("up").stack(remembered(), 0).find("monolith")).isEmpty();
        assertThat(Arguments.of("up", "--without", "monolith").stack(remembered(), 0).find("monolith")).isEmpty();
        assertThat(Arguments.of("up", "--with", "inventory-canary").stack(remembered(), 0).find("inventory-canary")).isPresent();
        assertThatThrownBy(() -> Arguments.of("up", "--with", "mainframe").stack(remembered(), 0))
                .hasMessage("--with takes monolith, payment-sidecar or inventory-canary, not 'mainframe'.");
    }

    @Test
    void upTakesSettingsForTheOverlayByAppRepeatedAndInOrder() {
        Arguments arguments = Arguments.of("up", "--set", "saga-orchestrator:playground.saga.step-timeout=20s",
                "--timeout", "60", "--set", "order-service:a.b=x=y", "--set", "saga-orchestrator:logging.level.root=DEBUG");

        assertThat(arguments.sets()).containsExactly(
                java.util.Map.entry("saga-orchestrator", java.util.Map.of("playground.saga.step-timeout", "20s",
                        "logging.level.root", "DEBUG")),
                java.util.Map.entry("order-service", java.util.Map.of("a.b", "x=y")));
        assertThat(arguments.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(Arguments.of("up").sets()).isEmpty();
        assertThatThrownBy(() -> Arguments.of("up", "--set", "playground.saga.step-timeout=20s").sets())
                .hasMessageContaining("--set takes APP:KEY=VALUE");
        assertThatThrownBy(() -> Arguments.of("up", "--set").sets()).hasMessageContaining("--set takes APP:KEY=VALUE");
        assertThatThrownBy(() -> Arguments.of("up", "--set", "gateway:no-value").sets())
                .hasMessageContaining("A setting is KEY=VALUE");
    }

    @Test
    void aSettingIsAKeyAnEqualsSignAndAValueThatMayBeEmpty() {
        assertThat(Arguments.settings(java.util.List.of("a=1", "b=", "c=d=e"))).containsExactly(
                java.util.Map.entry("a", "1"), java.util.Map.entry("b", ""), java.util.Map.entry("c", "d=e"));
        assertThatThrownBy(() -> Arguments.settings(java.util.List.of("=1"))).hasMessageContaining("not '=1'");
        assertThatThrownBy(() -> Arguments.settings(java.util.List.of("just-a-key"))).hasMessageContaining("not 'just-a-key'");
    }

    @Test
    void jvmChoosesLeanOrFastAndLaterCommandsRememberIt() throws Exception {
        assertThat(Arguments.of("up").jvm(remembered())).isEqualTo(JvmMode.LEAN);
        assertThat(Arguments.of("up", "--jvm", "fast").jvm(remembered())).isEqualTo(JvmMode.FAST);
        assertThatThrownBy(() -> Arguments.of("up", "--jvm", "turbo").jvm(remembered()))
                .hasMessageContaining("--jvm takes lean or fast, not 'turbo'");

        Files.createDirectories(home.resolve(".playground/run"));
        Files.writeString(home.resolve(".playground/run/jvm"), "fast");
        assertThat(Arguments.of("restart", "order-service").jvm(remembered())).isEqualTo(JvmMode.FAST);
        assertThat(Arguments.of("up", "--jvm", "lean").jvm(remembered())).isEqualTo(JvmMode.LEAN);
    }

    @Test
    void dbChoosesH2OrPostgresAndLaterCommandsRememberIt() throws Exception {
        assertThat(Arguments.of("up").postgres(remembered())).isNull();
        assertThat(Arguments.of("up", "--db", "postgres").postgres(remembered()))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
        assertThat(Arguments.of("up", "--db", "postgres", "--db-url", "jdbc:postgresql://db:5433/shop")
                .postgres(remembered())).isEqualTo("jdbc:postgresql://db:5433/shop");
        assertThat(Arguments.of("up", "--db", "h2").postgres(remembered())).isNull();
        assertThatThrownBy(() -> Arguments.of("up", "--db", "mysql").postgres(remembered()))
                .hasMessageContaining("--db takes h2 or postgres");

        Files.createDirectories(home.resolve(".playground/run"));
        Files.writeString(home.resolve(".playground/run/database"), "jdbc:postgresql://127.0.0.1:5432/postgres");
        assertThat(Arguments.of("restart", "order-service").postgres(remembered()))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    @Test
    void autoscaleGivesRulesOrOffAndLeavesThoseInForceWhenNotGiven() {
        assertThat(Arguments.of("up").autoscale()).isEmpty();
        assertThat(Arguments.of("up", "--autoscale", "inventory-service=1..3").autoscale()).hasValueSatisfying(
                rules -> assertThat(rules).extracting(Object::toString).containsExactly("inventory-service=1..3"));
        assertThat(Arguments.of("up", "--autoscale", "off").autoscale()).hasValue(java.util.List.of());
        assertThatThrownBy(() -> Arguments.of("up", "--autoscale", "inventory-service").autoscale())
                .hasMessageContaining("--autoscale takes SERVICE=MIN..MAX");
    }

    @Test
    void theGameDaysSeedIsAWholeNumber() {
        assertThat(Arguments.of("chaos", "--seed", "42").seed()).isEqualTo(42);
        assertThat(Arguments.of("chaos", "--seed", "-7").seed()).isEqualTo(-7);
        for (String[] wrong : new String[][] {{"chaos"}, {"chaos", "--seed", "forty-two"}, {"chaos", "--seed", "4.2"}}) {
            assertThatThrownBy(() -> Arguments.of(wrong).seed()).hasMessageContaining("Usage: ./playground chaos --seed N");
        }
    }

    @Test
    void aLabsAnswerIsTheTextGivenOrTheTextOfTheFileNamedFromTheProjectsFolder() throws Exception {
        Files.writeString(home.resolve("answers.txt"), "kill order-service\n");

        assertThat(Arguments.of("lab", "check", "--answers", "answers.txt").answer(home)).isEqualTo("kill order-service\n");
        assertThat(Arguments.of("lab", "check", "--answer", "42").answer(home)).isEqualTo("42");
        assertThat(Arguments.of("lab", "check").answer(home)).isNull();
        assertThatThrownBy(() -> Arguments.of("lab", "check", "--answers", "missing.txt").answer(home))
                .hasMessageContaining("Cannot read the answers file").hasMessageContaining("missing.txt");
    }

    @Test
    void redeliverAsksForTheLastOrAnOffsetOfATopic() {
        assertThat(Arguments.of("redeliver", "payment-service", "--topic", "payment.commands", "--last").redelivery())
                .containsExactly(java.util.Map.entry("topic", "payment.commands"), java.util.Map.entry("last", true));
        assertThat(Arguments.of("redeliver", "payment-service", "--topic", "payment.commands", "--offset", "4",
                "--partition", "1").redelivery()).containsExactly(java.util.Map.entry("topic", "payment.commands"),
                java.util.Map.entry("offset", 4L), java.util.Map.entry("partition", 1L));
        assertThatThrownBy(() -> Arguments.of("redeliver", "payment-service", "--topic", "t").redelivery())
                .hasMessageContaining("Usage: ./playground redeliver <service> --topic T (--last | --offset N)");
        assertThatThrownBy(() -> Arguments.of("redeliver", "payment-service", "--topic", "t", "--last", "--offset", "1")
                .redelivery()).hasMessageContaining("Usage: ./playground redeliver");
        assertThatThrownBy(() -> Arguments.of("redeliver", "payment-service", "--topic", "t", "--offset", "four")
                .redelivery()).hasMessage("--offset takes a whole number, not 'four'.");
    }
}
