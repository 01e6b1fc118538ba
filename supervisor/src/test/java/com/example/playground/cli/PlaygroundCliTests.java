package com.example.playground.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The CLI's exit codes and what it tells the user, with nothing running. */
class PlaygroundCliTests {

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void anUnknownCommandExitsWithTwoAndShowsTheUsage() {
        int exit = run("bogus");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown command 'bogus'", "up [--timeout SECONDS]");
    }

    @Test
    void aCommandThatNeedsANameSaysSo() {
        assertThat(run("kill")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Name a process, e.g. './playground kill payment-service'");
    }

    @Test
    void helpListsTheCommandsAndTheNames() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("status", "restart <name>", "saga-orchestrator",
                "faults [<service>]", "--error-rate 0..1",
                "running stack this adds the missing instances, or stops the extras",
                "redeliver <service> --topic T (--last | --offset N)", "dead-letters replay <service> [--topic T]");
    }

    @Test
    void breakingOrHealingWhatDoesNotRunFailsWithOne() {
        assertThat(run("break", "payment-service", "--hang")).isEqualTo(1);
        assertThat(run("heal", "payment-service")).isEqualTo(1);
        assertThat(run("switch", "payment-service", "outbox-relay-paused", "on")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("payment-service is not running.");
    }

    @Test
    void strangleTakesAWholePercentAndARouteNameAndNeedsTheGateway() {
        assertThat(run("strangle", "products", "25%")).isEqualTo(2);
        assertThat(run("strangle", "products", "101")).isEqualTo(2);
        assertThat(run("strangle", "products", "12.5")).isEqualTo(2);
        assertThat(run("strangle", "products")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("PERCENT is a whole number from 0 to 100, not '25%'",
                "not '101'", "not '12.5'", "Usage: ./playground strangle [ROUTE PERCENT]");
        assertThat(run("strangle", "../x", "25")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("A route is a name like 'products', not '../x'");
        assertThat(run("strangle", "products", "25")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("The gateway is not running");
    }

    @Test
    void canaryTakesOneWholePercentAndNeedsTheCanaryRunning() {
        assertThat(run("canary", "20%")).isEqualTo(2);
        assertThat(run("canary", "20", "30")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("PERCENT is a whole number from 0 to 100, not '20%'",
                "Usage: ./playground canary [PERCENT]");
        assertThat(run("strangle", "inventory-canary", "10")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("The canary's share is set with './playground canary 10'");
        assertThat(run("canary", "20")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("The canary is not running: './playground up --with inventory-canary' first.");
    }

    @Test
    void aSwitchIsOnOrOff() {
        assertThat(run("switch", "payment-service", "outbox-relay-paused", "maybe")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: ./playground switch <service> <name> on|off");
    }

    @Test
    void onlyServicesScaleAndOnlyAFew() {
        assertThat(run("up", "--instances", "gateway=2")).isEqualTo(2);
        assertThat(run("up", "--instances", "inventory-service=9")).isEqualTo(2);
        assertThat(run("up", "--instances", "inventory-service")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Only the services can run more than once",
                "Run 1 to 3 instances", "--instances takes SERVICE=COUNT");
    }

    @Test
    void scenariosAreListedAndAnUnknownOneIsAUsageError() {
        assertThat(run("scenario", "list")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("circuit-breaker", "kafka-outage", "rate-limit");
        assertThat(run("scenario", "run", "nonsense")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No scenario 'nonsense'. Known: circuit-breaker");
    }

    @Test
    void chaosNeedsASeedAndAWholeRunningStackBeforeItBreaksAnything() {
        assertThat(run("chaos")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: ./playground chaos --seed N");
        assertThat(run("chaos", "--seed", "42")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("The playground is not running", "./playground up");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("broken");
    }

    @Test
    void theGameDayIsTheLastLabAndItsAnswersFileMustBeThere() {
        assertThat(run("lab", "list")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("gameday", "Game day: three things are broken");
        assertThat(run("lab", "check", "gameday", "--answers", "no-such-answers.txt")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Cannot read the answers file");
    }

    @Test
    void redeliveryAndReplayNeedTheirArgumentsAndARunningService() {
        assertThat(run("redeliver", "payment-service", "--topic", "payment.commands")).isEqualTo(2);
        assertThat(run("dead-letters", "replay")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: ./playground redeliver",
                "Usage: ./playground dead-letters replay <service> [--topic T]");
        assertThat(run("redeliver", "payment-service", "--topic", "payment.commands", "--last")).isEqualTo(1);
        assertThat(run("dead-letters", "replay", "payment-service")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("payment-service is not running.");
    }

    @Test
    void configSaysHowToUseItAndRefusesWhatIsNotASettingBeforeWritingAnything() {
        assertThat(run("config")).isEqualTo(2);
        assertThat(run("config", "set", "order-service")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: ./playground config set <app> <key>=<value>...");
        assertThat(run("config", "set", "order-service", "no-equals-sign")).isEqualTo(2);
        assertThat(run("config", "set", "kafka", "a=b")).isEqualTo(2);
        assertThat(run("config", "show", "control-room")).isEqualTo(2);
        assertThat(run("up", "--set", "nonsense:a=b")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("A setting is KEY=VALUE",
                "No app 'kafka' takes settings. Apps: discovery, order-service", "No app 'nonsense'");
    }

    @Test
    void helpListsTheConfigCommands() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("config set <app> KEY=VALUE", "config show <app>",
                "config diff <app>", "config reset <app>", "--set APP:KEY=VALUE");
    }

    private int run(String... args) {
        return PlaygroundCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
