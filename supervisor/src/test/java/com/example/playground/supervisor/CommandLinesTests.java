package com.example.playground.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLinesTests {

    @TempDir
    Path home;

    CommandLines commands(Stack stack) {
        StateFolder state = new StateFolder(home, home.resolve(".playground"));
        return new CommandLines(state, stack, new Pids(state), new ClassDataSharing(state));
    }

    @Test
    void aServiceIsALeanMarkedJvmWiredToThisStacksPorts() {
        Stack stack = Stack.withPortOffset(100);
        CommandLines commands = commands(stack);

        List<String> command = commands.of(stack.component("order-service"));

        assertThat(command).contains("-Dplayground.process=order-service@" + home.resolve(".playground"),
                "-Xmx96m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dh2.bindAddress=127.0.0.1",
                "--server.port=8181", "--management.server.port=8281",
                "--eureka.client.service-url.defaultZone=http://127.0.0.1:8861/eureka/",
                "--management.tracing.export.zipkin.endpoint=http://127.0.0.1:9511/api/v2/spans",
                "--spring.kafka.bootstrap-servers=127.0.0.1:9192",
                "--playground.data-dir=" + home.resolve(".playground/data"),
                "--playground.config-dir=" + home.resolve(".playground/config"),
                "--spring.main.cloud-platform=none");
        // The settings overlay cannot change what the command line sets: it would lose.
        assertThat(commands.commandLineKeys(stack.component("order-service"))).contains("server.port",
                "spring.kafka.bootstrap-servers", "playground.config-dir").doesNotContain("playground.saga.step-timeout");
        // Not trained yet: it runs from the jar the build made.
        assertThat(command).containsSubsequence("-jar", home.resolve("order-service/target/order-service.jar").toString());
        assertThat(command).noneMatch(arg -> arg.startsWith("--spring.profiles.active"));
    }

    @Test
    void theFastModeRunsC2WithTwiceTheHeapAndScaledCopiesKeepIt() {
        Stack stack = Stack.withPortOffset(0);
        CommandLines commands = commands(stack);
        commands.useJvm(JvmMode.FAST);

        List<String> command = commands.of(stack.component("order-service"));

        assertThat(command).contains("-Xmx192m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=128m")
                .doesNotContain("-XX:TieredStopAtLevel=1", "-Xmx96m");
        CommandLines scaled = commands(stack.withInstances(Map.of("inventory-service", 2)));
        scaled.sameSettingsAs(commands);
        assertThat(scaled.of(stack.withInstances(Map.of("inventory-service", 2)).component("inventory-service-2")))
                .contains("-Xmx192m").doesNotContain("-XX:TieredStopAtLevel=1");
    }

    @Test
    void eurekaOnOtherPortsIsItsOwnOnlyPeerSoItCopiesNothingIntoThePlaygroundOnTheDefaultPorts() {
        Stack stack = Stack.withPortOffset(100);

        List<String> command = commands(stack).of(stack.component("discovery"));

        assertThat(command).contains("--server.port=8861",
                "--eureka.client.service-url.defaultZone=http://127.0.0.1:8861/eureka/");
    }

    @Test
    void servicesGetTheDatabaseAndTheSettingsAskedFor() {
        Stack stack = Stack.withPortOffset(0).withInstances(Map.of("inventory-service", 2));
        CommandLines commands = commands(stack);
        assertThat(commands.of(stack.component("inventory-service-2"))).contains("--playground.h2.shared=TRUE");
        // A service that runs once opens its H2 file shared too: a second instance can join it later.
        assertThat(commands.of(stack.component("payment-service"))).contains("--playground.h2.shared=TRUE");

        commands.usePostgres("jdbc:postgresql://127.0.0.1:5432/postgres");
        commands.addServiceArgs(List.of("--playground.saga.step-timeout=20s"));

        assertThat(commands.of(stack.component("payment-service"))).contains("--spring.profiles.active=postgres",
                "--playground.db.url=jdbc:postgresql://127.0.0.1:5432/postgres", "--playground.saga.step-timeout=20s")
                .doesNotContain("--playground.h2.shared=TRUE");
        // Settings for the services are not the gateway's business.
        assertThat(commands.of(stack.component("gateway"))).doesNotContain("--playground.saga.step-timeout=20s")
                .noneMatch(arg -> arg.startsWith("--spring.kafka"));
    }

    @Test
    void aDifferentlyScaledStackKeepsTheDatabaseAndTheSettings() {
        CommandLines one = commands(Stack.withPortOffset(0));
        one.usePostgres("jdbc:postgresql://127.0.0.1:5432/postgres");
        one.addServiceArgs(List.of("--playground.saga.step-timeout=20s"));
        Stack two = Stack.withPortOffset(0).withInstances(Map.of("inventory-service", 2));
        CommandLines scaled = commands(two);

        scaled.sameSettingsAs(one);

        assertThat(scaled.of(two.component("inventory-service-2"))).contains("--server.port=8093",
                "--playground.db.url=jdbc:postgresql://127.0.0.1:5432/postgres", "--playground.saga.step-timeout=20s");
    }

    @Test
    void aTrainingRunTouchesNothingOfTheRunningStack() {
        Stack stack = Stack.withPortOffset(0);
        CommandLines commands = commands(stack);
        commands.usePostgres("jdbc:postgresql://127.0.0.1:5432/postgres");

        List<String> args = commands.trainingArgs(stack.component("order-service"));

        assertThat(args).contains("--server.port=0", "--management.server.port=0",
                "--playground.data-dir=" + home.resolve(".playground/cds/order-service/training-data"),
                "--spring.kafka.admin.auto-create=false",
                // No settings overlay: one archive serves whatever settings later starts use.
                "--playground.config-dir=" + home.resolve(".playground/cds/order-service/no-overlay"));
        assertThat(args).doesNotContain("--server.port=8081", "--playground.config-dir=" + home.resolve(".playground/config"), "--spring.profiles.active=postgres")
                .noneMatch(arg -> arg.startsWith("--playground.db."));
    }

    @Test
    void zipkinBindsLoopbackAndTheControlRoomKnowsItsStack() {
        Stack stack = Stack.withPortOffset(0);
        CommandLines commands = commands(stack);

        assertThat(commands.of(stack.component("zipkin"))).contains("--armeria.ports[0].ip=127.0.0.1",
                "--armeria.ports[0].port=9411");
        assertThat(commands.of(stack.component("control-room"))).contains(
                "com.example.playground.controlroom.ControlRoomMain", "--state",
                home.resolve(".playground").toString(), "--port-offset", "0");
    }

    @Test
    void withTheSidecarPaymentServicesFirstInstanceCallsTheProviderThroughItAndHAProxyRunsTheRepositorysConfiguration()
            throws Exception {
        Stack stack = Stack.withPortOffset(100).withInstances(Map.of("payment-sidecar", 1, "payment-service", 2));
        CommandLines commands = commands(stack);

        assertThat(commands.of(stack.component("payment-service"))).contains(
                "--playground.payment.provider.port=8187",
                "--playground.payment.provider.sidecar-url=http://127.0.0.1:8186");
        // One sidecar serves one instance; the second keeps its resilience in code.
        assertThat(commands.of(stack.component("payment-service-2")))
                .noneMatch(arg -> arg.startsWith("--playground.payment.provider."));
        assertThat(commands.trainingArgs(stack.component("payment-service")))
                .contains("--playground.payment.provider.port=0")
                .doesNotContain("--playground.payment.provider.port=8187");

        List<String> sidecar = commands.of(stack.component("payment-sidecar"));
        assertThat(sidecar).noneMatch(arg -> arg.endsWith("java")).contains("-db",
                "-Dplayground.process=payment-sidecar@" + home.resolve(".playground"),
                home.resolve("sidecar/payment-sidecar.cfg").toString());
        assertThat(java.nio.file.Files.readString(home.resolve(".playground/run/payment-sidecar-ports.cfg")))
                .contains("setenv SIDECAR_PORT 8186", "setenv SIDECAR_ADMIN_PORT 8286", "setenv PROVIDER_PORT 8187",
                        "setenv ZIPKIN_SPANS_URL http://127.0.0.1:9511/api/v2/spans");
    }

    @Test
    void withoutTheSidecarPaymentServiceKeepsItsResilienceInCode() {
        Stack stack = Stack.withPortOffset(0);

        assertThat(commands(stack).of(stack.component("payment-service")))
                .noneMatch(arg -> arg.startsWith("--playground.payment.provider."));
    }

    @Test
    void theCanaryRegistersUnderANameOfItsOwnAndSharesEverythingElseWithInventoryService() {
        Stack stack = Stack.withPortOffset(0).withInstances(Map.of("inventory-canary", 1));
        CommandLines commands = commands(stack);

        List<String> canary = commands.of(stack.component("inventory-canary"));
        assertThat(canary).contains("--server.port=8088", "--management.server.port=8188",
                "--eureka.instance.appname=inventory-service-canary",
                "--eureka.instance.virtual-host-name=inventory-service-canary",
                "--spring.kafka.bootstrap-servers=127.0.0.1:9092", "--playground.h2.shared=TRUE");
        assertThat(canary.stream().filter(arg -> arg.endsWith(".jar")).findFirst()).hasValueSatisfying(
                jar -> assertThat(jar).endsWith("inventory-service.jar"));
        assertThat(commands.of(stack.component("inventory-service"))).noneMatch(arg -> arg.startsWith("--eureka.instance."));
    }
}
