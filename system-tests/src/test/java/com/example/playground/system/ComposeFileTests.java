package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so it is checked for what a broken
 * compose file would get wrong: every module has a service that runs the image the Maven build
 * makes, with a health check, start order by health, and ports published on 127.0.0.1 only, and
 * only the public ones. Where Debian's docker-compose is installed, it must accept the file too.
 */
class ComposeFileTests {

    private static final Path HOME = ServiceImages.HOME;
    private static final List<String> MODULES = List.of("discovery", "gateway", "order-service", "payment-service",
            "inventory-service", "saga-orchestrator");
    private static final List<String> PUBLISHED = List.of("127.0.0.1:8080:8080", "127.0.0.1:8761:8761",
            "127.0.0.1:9411:9411");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(HOME.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return (Map<String, Object>) yaml;
    }

    @Test
    void everyModuleIsAServiceOnTheImageTheBuildMakesWithAHealthCheck() throws IOException {
        Map<String, Map<String, Object>> services = services();
        assertThat(services).containsKeys(MODULES.toArray(String[]::new)).containsKeys("kafka", "zipkin", "postgres");
        assertThat(ServiceImages.modules()).containsAll(MODULES);
        for (String module : MODULES) {
            Map<String, Object> service = services.get(module);
            assertThat(service).as(module).containsKey("healthcheck").doesNotContainKey("build")
                    // pattern-playground/order-service:0.1.0-SNAPSHOT: the tag is the root pom's version.
                    .containsEntry("image", ServiceImages.name(module))
                    // Made by Maven, never pulled: a registry's image of that name must not stand in for it.
                    .containsEntry("pull_policy", "never");
        }
        services.forEach((name, service) -> assertThat(service).as(name).containsKey("healthcheck"));
    }

    @Test
    void servicesWaitUntilWhatTheyNeedIsHealthy() throws IOException {
        Map<String, Map<String, Object>> services = services();
        for (String name : List.of("order-service", "payment-service", "inventory-service", "saga-orchestrator", "gateway")) {
            Map<String, Object> dependsOn = map(services.get(name).get("depends_on"));
            assertThat(dependsOn).as(name).isNotEmpty();
            dependsOn.values().forEach(condition ->
                    assertThat(map(condition)).as(name).containsEntry("condition", "service_healthy"));
        }
        assertThat(map(services.get("gateway").get("depends_on")))
                .containsKeys("order-service", "payment-service", "inventory-service", "saga-orchestrator");
    }

    @Test
    void onlyTheGatewayEurekaAndZipkinArePublishedAndOnlyOnLoopback() throws IOException {
        List<Object> published = services().values().stream()
                .filter(service -> service.containsKey("ports"))
                .flatMap(service -> ((List<?>) service.get("ports")).stream())
                .map(Object.class::cast)
                .toList();
        assertThat(published).containsExactlyInAnyOrderElementsOf(PUBLISHED);
    }

    @Test
    void debiansDockerComposeAcceptsIt() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/docker-compose"));
        if (!installed && System.getenv("PLAYGROUND_REQUIRE_COMPOSE") == null) {
            Assumptions.abort("docker-compose is not installed (apt-get install docker-compose): its own check skipped");
        }
        Process check = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config", "-q")
                .directory(HOME.toFile()).redirectErrorStream(true).start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.exitValue()).as(output).isZero();
    }
}
