package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.contracts.Topics;
import com.example.playground.system.RenderedManifests.OurContainer;
import com.example.playground.system.RenderedManifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests (deploy/kubernetes) cannot be applied here: there is no cluster. So every
 * overlay is rendered with {@code kubectl kustomize}, every document is parsed into fabric8's
 * Kubernetes model, and the result is checked for what a cluster would only say late, by a pod that
 * never gets traffic, a probe that restarts a healthy pod, an image nobody built, a setting still
 * pointing at 127.0.0.1, or a pod killed for its memory. The truth it checks against is the
 * repository's own: each module's application.yml, its pom, docker-compose.yml, contracts' Topics and
 * deploy/kubernetes/measured-memory.properties.
 *
 * <p>Without kubectl the checks are skipped, saying why; CI requires it
 * ({@code PLAYGROUND_REQUIRE_KUBECTL}) and fails instead.
 *
 * <p>Over 300 lines on purpose: one test per thing a cluster would say late, each short, side by
 * side so a reader sees the whole list; reading the rendering is {@link RenderedManifests}' and
 * reading a module's configuration {@link ModuleConfig}'s.
 */
class KubernetesManifestsTests {

    private static final Path HOME = Path.of(System.getProperty("playground.home", "..")).toAbsolutePath().normalize();
    private static final Path DEPLOY = HOME.resolve("deploy/kubernetes");

    /** What runs on Kubernetes of our own: not discovery (the platform is the registry), not the opt-in extras. */
    private static final List<String> DEPLOYED = List.of("gateway", "order-service", "payment-service",
            "inventory-service", "saga-orchestrator");
    /** The profiles a pod must run with; the services add postgres, the database they have there. */
    private static final String KUBERNETES_PROFILE = "kubernetes";
    /** Read by the JVM or by Spring Boot itself, not from the configuration files. */
    private static final Set<String> PROCESS_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "SPRING_PROFILES_ACTIVE");
    /** Pointing at 127.0.0.1 and left so on purpose: the kubernetes profile turns the Eureka client off. */
    private static final String EUREKA = "eureka.";
    private static final String PART_OF = "app.kubernetes.io/part-of";
    private static final Pattern LOOPBACK = Pattern.compile("127\\.0\\.0\\.1|localhost");
    private static final Pattern URL_HOST = Pattern.compile("//([a-z0-9.-]+)(?::(\\d+))?");
    private static final Pattern HOST_PORTS = Pattern.compile("[a-z0-9.-]+:\\d+(,[a-z0-9.-]+:\\d+)*");
    private static final Pattern XMX = Pattern.compile("-Xmx(\\d+)([kmgKMG]?)");
    private static final double HEADROOM = 1.25;
    /** MessagingAutoConfiguration's playground.kafka.partitions; dead-letter topics have one. */
    private static final int PARTITIONS = 6;
    /** Strimzi 0.49 and later; the only API Strimzi 1.x accepts. */
    private static final String STRIMZI_API = "kafka.strimzi.io/v1";
    /** HikariCP's default pool, where a service sets none; PostgreSQL's own defaults. */
    private static final int HIKARI_DEFAULT_POOL = 10;
    private static final int POSTGRES_DEFAULT_CONNECTIONS = 100;
    private static final int POSTGRES_RESERVED_CONNECTIONS = 3;

    private static final Map<String, RenderedManifests> RENDERINGS = new ConcurrentHashMap<>();

    static Stream<String> overlays() throws IOException {
        try (Stream<Path> overlays = Files.list(DEPLOY.resolve("overlays"))) {
            return overlays.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** Renders, with every object a kind the model knows (a misspelt kind is applied as nothing) and every field one its kind has, all in one namespace. */
    @ParameterizedTest
    @MethodSource("overlays")
    void rendersTheWholeSystemAsObjectsTheModelKnows(String overlay) {
        RenderedManifests rendering = rendering(overlay);
        for (HasMetadata object : rendering.objects()) {
            // One label finds (and deletes) all of it; a component's or an overlay's objects miss it easily.
            assertThat(object.getMetadata().getLabels()).as("%s: %s labels", overlay, name(object))
                    .containsEntry(PART_OF, "pattern-playground");
            if (!(object instanceof Namespace)) {
                assertThat(object.getMetadata().getNamespace()).as("%s: %s namespace", overlay, name(object))
                        .isEqualTo("pattern-playground");
            }
            if (object instanceof GenericKubernetesResource) {
                assertThat(object.getApiVersion()).as("%s: %s is no Kubernetes kind (misspelt?)", overlay, name(object))
                        .startsWith("kafka.strimzi.io/");
            }
        }
        assertThat(rendering.unknownFields()).as("%s: fields no Kubernetes object has (misspelt?)", overlay).isEmpty();
        for (String module : DEPLOYED) {
            assertThat(rendering.workload(module)).as("%s: a workload for %s", overlay, module).isPresent();
        }
        assertThat(rendering.workload("zipkin")).as("%s: Zipkin", overlay).isPresent();
        assertThat(rendering.workload("postgres")).as("%s: PostgreSQL", overlay).isPresent();
        assertThat(rendering.workload("kafka").isPresent() || !rendering.custom("Kafka").isEmpty())
                .as("%s: Kafka, as a StatefulSet or a Strimzi Kafka", overlay).isTrue();
    }

    /** A selector that misses its pod template is refused at apply time; one that takes another's pods fights it for ever. */
    @ParameterizedTest
    @MethodSource("overlays")
    void everyWorkloadSelectsItsOwnPodsAndNoOneElses(String overlay) {
        RenderedManifests rendering = rendering(overlay);
        for (Workload workload : rendering.workloads()) {
            assertThat(workload.selector().getMatchExpressions()).as("%s: %s selector", overlay, workload).isNullOrEmpty();
            assertThat(selects(workload.selector(), workload.podLabels()))
                    .as("%s: %s selects %s but its pods carry %s", overlay, workload,
                            workload.selector().getMatchLabels(), workload.podLabels())
                    .isTrue();
            for (Workload other : rendering.workloads()) {
                if (!other.equals(workload)) {
                    assertThat(selects(workload.selector(), other.podLabels()))
                            .as("%s: %s also selects the pods of %s", overlay, workload, other).isFalse();
                }
            }
        }
    }

    /** A Service whose selector or target port is wrong is accepted and then has no endpoints: connections are refused. */
    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceSendsToThePodsOfOneWorkloadOnPortsTheyOpen(String overlay) {
        RenderedManifests rendering = rendering(overlay);
        for (Service service : rendering.all(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            List<Workload> selected = rendering.workloads().stream()
                    .filter(w -> selector != null && w.podLabels().entrySet().containsAll(selector.entrySet())).toList();
            assertThat(selected).as("%s: the workloads whose pods %s (selector %s) sends to", overlay,
                    name(service), selector).hasSize(1);
            Workload target = selected.get(0);
            for (var port : service.getSpec().getPorts()) {
                IntOrString targetPort = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
                assertThat(target.containerPort(targetPort))
                        .as("%s: %s port %s targets %s, which no container of %s opens", overlay, name(service),
                                port.getName(), text(targetPort), target)
                        .isPresent();
            }
        }
    }

    /** A probe on the wrong port or path restarts a healthy pod, or keeps it out of its Service, minutes after the apply. */
    @ParameterizedTest
    @MethodSource("overlays")
    void serviceContainersOpenTheirModulesPortsAndProbeItsHealthGroupsOnTheManagementPort(String overlay) {
        RenderedManifests rendering = rendering(overlay);
        for (OurContainer ours : rendering.ourContainers(HOME)) {
            ModuleConfig config = ours.config();
            int http = config.port("server.port");
            int management = config.port("management.server.port");
            assertThat(ours.workload().containerPort(new IntOrString("http"))).as("%s: port http", ours).contains(http);
            assertThat(ours.workload().containerPort(new IntOrString("management"))).as("%s: port management", ours)
                    .contains(management);
            Container container = ours.container();
            Map<String, Probe> probes = new LinkedHashMap<>();
            probes.put("startup", container.getStartupProbe());
            probes.put("liveness", container.getLivenessProbe());
            probes.put("readiness", container.getReadinessProbe());
            probes.forEach((kind, probe) -> {
                assertThat(probe).as("%s: its %s probe", ours, kind).isNotNull();
                assertThat(probe.getHttpGet()).as("%s: its %s probe asks over HTTP", ours, kind).isNotNull();
                assertThat(ours.workload().containerPort(probe.getHttpGet().getPort()))
                        .as("%s: %s probe port %s is not the management port %d", ours, kind,
                                text(probe.getHttpGet().getPort()), management)
                        .contains(management);
                assertThat(config.healthPaths()).as("%s: %s probe path, one of the health groups it has", ours, kind)
                        .contains(probe.getHttpGet().getPath());
            });
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).as("%s: liveness", ours).endsWith("/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).as("%s: readiness", ours).endsWith("/readiness");
        }
        for (Workload workload : rendering.workloads()) {
            for (Container container : workload.containers()) {
                for (Probe probe : Stream.of(container.getStartupProbe(), container.getLivenessProbe(),
                        container.getReadinessProbe()).filter(Objects::nonNull).toList()) {
                    IntOrString port = probe.getHttpGet() != null ? probe.getHttpGet().getPort()
                            : probe.getTcpSocket() != null ? probe.getTcpSocket().getPort() : null;
                    if (port != null) {
                        assertThat(workload.containerPort(port)).as("%s: a probe of %s asks port %s, which it does not open",
                                overlay, workload, text(port)).isPresent();
                    }
                }
            }
        }
    }

    /** An image nobody built, or one the cluster tries to pull, is ImagePullBackOff. */
    @ParameterizedTest
    @MethodSource("overlays")
    void imagesAreOnesTheBuildMakesOrDockerComposeRuns(String overlay) throws IOException {
        RenderedManifests rendering = rendering(overlay);
        String version = ServiceImages.version();
        Set<String> imaged = Set.copyOf(ServiceImages.modules());
        Set<String> thirdParty = composeImages();
        for (Workload workload : rendering.workloads()) {
            for (Container container : workload.containers()) {
                String image = container.getImage();
                String where = "%s: %s container %s image %s".formatted(overlay, workload, container.getName(), image);
                if (image.startsWith("pattern-playground/")) {
                    String module = image.substring("pattern-playground/".length(), image.indexOf(':'));
                    assertThat(imaged).as(where + ": a module that the build makes an image of").contains(module);
                    assertThat(image).as(where + ": the project's version")
                            .isEqualTo("pattern-playground/%s:%s", module, version);
                    assertThat(container.getImagePullPolicy()).as(where + ": loaded into the cluster, never pulled")
                            .isIn("IfNotPresent", "Never");
                } else {
                    assertThat(thirdParty).as(where + ": one of docker-compose.yml's images").contains(image);
                }
            }
        }
    }

    /** A host name no Service has is an UnknownHostException in the service's log, retried for ever. */
    @ParameterizedTest
    @MethodSource("overlays")
    void settingsThatNameAHostNameAServiceOfTheSameRendering(String overlay) {
        RenderedManifests rendering = rendering(overlay);
        Map<String, Set<Integer>> hosts = rendering.serviceHosts();
        for (OurContainer ours : rendering.ourContainers(HOME)) {
            ours.environment().forEach((variable, value) -> {
                assertThat(LOOPBACK.matcher(value).find()).as("%s: %s=%s names the pod itself", ours, variable, value)
                        .isFalse();
                for (String[] hostPort : hostsIn(value)) {
                    String service = hostPort[0].split("\\.")[0];
                    assertThat(hosts).as("%s: %s=%s names %s, a Service of this rendering", ours, variable, value, service)
                            .containsKey(service);
                    if (hostPort[1] != null) {
                        assertThat(hosts.get(service)).as("%s: %s=%s, a port of Service %s", ours, variable, value, service)
                                .contains(Integer.parseInt(hostPort[1]));
                    }
                }
            });
        }
    }

    /**
     * A placeholder without a default stops the service at start; a setting left at 127.0.0.1 makes it
     * listen or call where nothing is; a misspelt variable is ignored without a word.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void everySettingAServiceNeedsIsSetAndEveryVariableIsOneItReads(String overlay) {
        RenderedManifests rendering = rendering(overlay);
        for (Workload workload : rendering.workloads()) {
            for (Container container : workload.containers()) {
                rendering.environment(workload, container); // every ConfigMap and Secret it names exists, with the key
            }
        }
        for (OurContainer ours : rendering.ourContainers(HOME)) {
            Map<String, String> environment = ours.environment();
            ModuleConfig config = ours.config();
            Set<String> given = environment.keySet().stream().map(ModuleConfig::canonical).collect(Collectors.toSet());
            assertThat(ours.profiles()).as("%s: SPRING_PROFILES_ACTIVE", ours).contains(KUBERNETES_PROFILE);
            for (String placeholder : config.required()) {
                assertThat(config.settings().containsKey(placeholder) || given.contains(placeholder))
                        .as("%s: ${%s} has no default and nothing sets it", ours, placeholder).isTrue();
            }
            config.settings().forEach((key, value) -> {
                if (LOOPBACK.matcher(value).find() && !key.startsWith(EUREKA)) {
                    boolean overridden = given.contains(key) || placeholdersIn(value).stream().anyMatch(given::contains);
                    assertThat(overridden).as("%s: %s is %s, and no variable sets it for the pod", ours, key, value).isTrue();
                }
            });
            for (String variable : environment.keySet()) {
                String key = ModuleConfig.canonical(variable);
                assertThat(PROCESS_VARIABLES.contains(variable) || config.settings().containsKey(key)
                        || config.placeholders().contains(key))
                        .as("%s: %s sets %s, which its configuration never reads (misspelt?)", ours, variable, key).isTrue();
            }
        }
    }

    /** A limit under what the process needs is OOMKilled under load; a request under it overcommits the node. */
    @ParameterizedTest
    @MethodSource("overlays")
    void memoryLeavesHeadroomOverWhatWasMeasured(String overlay) throws IOException {
        RenderedManifests rendering = rendering(overlay);
        Properties measured = new Properties();
        try (Reader in = Files.newBufferedReader(DEPLOY.resolve("measured-memory.properties"))) {
            measured.load(in);
        }
        Set<String> notMeasured = Set.of(measured.getProperty("not-measured", "").split(","));
        for (Workload workload : rendering.workloads()) {
            for (Container container : workload.containers()) {
                String where = "%s: %s container %s".formatted(overlay, workload, container.getName());
                var resources = container.getResources();
                assertThat(resources.getRequests()).as(where + ": requests").containsKeys("memory", "cpu");
                assertThat(resources.getLimits()).as(where + ": limits").containsKey("memory");
                BigDecimal request = Quantity.getAmountInBytes(resources.getRequests().get("memory"));
                BigDecimal limit = Quantity.getAmountInBytes(resources.getLimits().get("memory"));
                Optional<Long> heap = heap(rendering.environment(workload, container));
                heap.ifPresent(xmx -> assertThat(BigDecimal.valueOf(xmx)).as(where + ": -Xmx below the limit")
                        .isLessThan(limit));
                if (notMeasured.contains(container.getName())) {
                    continue;
                }
                String rss = measured.getProperty(container.getName() + ".rss-kb");
                assertThat(rss).as(where + ": a figure in measured-memory.properties").isNotNull();
                // The figure holds at most the heap it ran with: a larger heap here may add the difference.
                long measuredHeap = bytes(measured.getProperty(container.getName() + ".xmx"));
                long need = Long.parseLong(rss) * 1024 + Math.max(0, heap.orElse(measuredHeap) - measuredHeap);
                assertThat(request).as("%s: memory request %s under the %d MiB measured (with its heap)", where,
                        resources.getRequests().get("memory"), need >> 20).isGreaterThanOrEqualTo(BigDecimal.valueOf(need));
                assertThat(limit).as("%s: memory limit %s under %.2f x the %d MiB measured (with its heap)", where,
                        resources.getLimits().get("memory"), HEADROOM, need >> 20)
                        .isGreaterThanOrEqualTo(BigDecimal.valueOf(need * HEADROOM));
            }
        }
    }

    /** An autoscaler without CPU requests never scales; a budget that allows no eviction blocks every node drain. */
    @ParameterizedTest
    @MethodSource("overlays")
    void autoscalersAndDisruptionBudgetsTargetWorkloadsThatCanHonourThem(String overlay) {
        RenderedManifests rendering = rendering(overlay);
        for (HorizontalPodAutoscaler autoscaler : rendering.all(HorizontalPodAutoscaler.class)) {
            var spec = autoscaler.getSpec();
            String where = "%s: %s".formatted(overlay, name(autoscaler));
            Workload target = rendering.workload(spec.getScaleTargetRef().getName())
                    .filter(w -> w.kind().equals(spec.getScaleTargetRef().getKind()))
                    .orElseThrow(() -> new AssertionError(where + " scales " + spec.getScaleTargetRef().getKind() + " "
                            + spec.getScaleTargetRef().getName() + ", which is not in the rendering"));
            assertThat(target.replicas()).as(where + ": %s's replicas within its bounds", target)
                    .isBetween(RenderedManifests.minReplicas(autoscaler), spec.getMaxReplicas());
            boolean onCpu = spec.getMetrics().stream()
                    .anyMatch(m -> m.getResource() != null && "cpu".equals(m.getResource().getName()));
            if (onCpu) {
                target.containers().forEach(c -> assertThat(c.getResources().getRequests())
                        .as(where + ": scales on CPU, so %s container %s requests CPU", target, c.getName()).containsKey("cpu"));
            }
        }
        for (PodDisruptionBudget budget : rendering.all(PodDisruptionBudget.class)) {
            String where = "%s: %s".formatted(overlay, name(budget));
            List<Workload> selected = rendering.workloads().stream()
                    .filter(w -> selects(budget.getSpec().getSelector(), w.podLabels())).toList();
            assertThat(selected).as(where + ": the workloads it guards").hasSize(1);
            Workload target = selected.get(0);
            IntOrString minAvailable = budget.getSpec().getMinAvailable();
            if (minAvailable != null && minAvailable.getIntVal() != null) {
                assertThat(minAvailable.getIntVal()).as(where + ": minAvailable below %s's %d pods, or no drain ever ends",
                        target, rendering.fewestPods(target)).isLessThan(rendering.fewestPods(target));
            }
        }
    }

    /** More pools than max_connections allows is "too many clients already", at the busiest moment. */
    @ParameterizedTest
    @MethodSource("overlays")
    void theServicesConnectionPoolsFitPostgresql(String overlay) {
        RenderedManifests rendering = rendering(overlay);
        int connections = 0;
        List<String> users = new ArrayList<>();
        for (OurContainer ours : rendering.ourContainers(HOME)) {
            if (ours.environment().containsKey("PLAYGROUND_DB_URL")) {
                int pool = ours.config().setting("spring.datasource.hikari.maximum-pool-size").map(Integer::parseInt)
                        .orElse(HIKARI_DEFAULT_POOL);
                int pods = rendering.mostPods(ours.workload());
                connections += pods * (pool + 1); // and one for Flyway, at the start
                users.add("%s %d x (%d + 1)".formatted(ours.workload().name(), pods, pool));
            }
        }
        Workload postgres = rendering.workload("postgres").orElseThrow();
        List<String> args = Optional.ofNullable(postgres.containers().get(0).getArgs()).orElse(List.of());
        int max = args.stream().filter(a -> a.startsWith("max_connections=")).map(a -> a.substring(a.indexOf('=') + 1))
                .map(Integer::parseInt).findFirst().orElse(POSTGRES_DEFAULT_CONNECTIONS);
        assertThat(connections).as("%s: connections the services may open (%s) within PostgreSQL's max_connections %d",
                overlay, String.join(", ", users), max).isLessThanOrEqualTo(max - POSTGRES_RESERVED_CONNECTIONS);
    }

    /** Discovery without its Role is 403 Forbidden from the API at run time; every other pod needs no token at all. */
    @ParameterizedTest
    @MethodSource("overlays")
    void onlyPodsThatDiscoverServicesMayReadTheKubernetesApiAndNoPodRunsAsRoot(String overlay) throws IOException {
        RenderedManifests rendering = rendering(overlay);
        for (Workload workload : rendering.workloads()) {
            PodSpec pod = workload.template().getSpec();
            boolean mountsToken = !Boolean.FALSE.equals(pod.getAutomountServiceAccountToken());
            Optional<String> module = workload.module();
            if (module.isPresent() && readsTheKubernetesApi(module.get())) {
                assertThat(mountsToken).as("%s: %s discovers services through the Kubernetes API", overlay, workload).isTrue();
            }
            if (mountsToken) {
                assertThat(rendering.mayDiscover(pod.getServiceAccountName()))
                        .as("%s: %s mounts the token of account %s, which may read services, endpoints, pods and "
                                + "endpointslices and nothing else", overlay, workload, pod.getServiceAccountName())
                        .isTrue();
            }
            var security = pod.getSecurityContext();
            assertThat(security).as("%s: %s pod security", overlay, workload).isNotNull();
            assertThat(security.getRunAsNonRoot()).as("%s: %s runAsNonRoot", overlay, workload).isTrue();
            assertThat(security.getRunAsUser()).as("%s: %s runAsUser (a number: runAsNonRoot cannot check a name)",
                    overlay, workload).isNotNull().isPositive();
            for (Container container : workload.containers()) {
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation())
                        .as("%s: %s container %s allowPrivilegeEscalation", overlay, workload, container.getName()).isFalse();
                if (container.getImage().startsWith("pattern-playground/")) {
                    assertThat(security.getRunAsUser()).as("%s: %s runs as the image's user", overlay, workload)
                            .isEqualTo(10001L);
                    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem())
                            .as("%s: %s read-only root", overlay, workload).isTrue();
                    assertThat(container.getVolumeMounts()).as("%s: %s has a writable /tmp", overlay, workload)
                            .anyMatch(m -> m.getMountPath().equals("/tmp"));
                }
            }
        }
    }

    /**
     * Kafka is the base's broker, or a Strimzi cluster with a KafkaTopic for every topic of Topics.all()
     * (and its dead-letter topic) with the partitions the services make it with: one the operator does not
     * know keeps whatever the first service made, and one with fewer partitions is not what the code expects.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void kafkaIsTheBasesBrokerOrAStrimziClusterWithEveryTopic(String overlay) {
        RenderedManifests rendering = rendering(overlay);
        List<GenericKubernetesResource> clusters = rendering.custom("Kafka");
        if (clusters.isEmpty()) {
            assertThat(rendering.workload("kafka")).as("%s: the base's broker", overlay).isPresent();
            assertThat(rendering.custom("KafkaTopic")).as("%s: KafkaTopics without a Strimzi Kafka", overlay).isEmpty();
            return;
        }
        assertThat(rendering.workload("kafka")).as("%s: the base's broker, beside Strimzi's", overlay).isEmpty();
        Set<String> clusterNames = clusters.stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
        Map<String, Integer> expected = new LinkedHashMap<>();
        Topics.all().forEach(topic -> {
            expected.put(topic, PARTITIONS);
            expected.put(Topics.deadLetter(topic), 1);
        });
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (GenericKubernetesResource topic : rendering.custom("KafkaTopic")) {
            String name = Optional.ofNullable((String) topic.get("spec", "topicName")).orElse(topic.getMetadata().getName());
            topics.put(name, ((Number) topic.get("spec", "partitions")).intValue());
        }
        assertThat(topics).as("%s: KafkaTopics and their partitions", overlay).isEqualTo(expected);
        for (String kind : List.of("Kafka", "KafkaNodePool", "KafkaTopic")) {
            for (GenericKubernetesResource resource : rendering.custom(kind)) {
                assertThat(resource.getApiVersion()).as("%s: %s", overlay, name(resource)).isEqualTo(STRIMZI_API);
                if (!kind.equals("Kafka")) {
                    assertThat(clusterNames).as("%s: %s belongs to a Kafka of this rendering", overlay, name(resource))
                            .contains(resource.getMetadata().getLabels().get("strimzi.io/cluster"));
                }
            }
        }
    }

    // --- rendering and reading ---------------------------------------------------------------

    private static RenderedManifests rendering(String overlay) {
        return RENDERINGS.computeIfAbsent(overlay, KubernetesManifestsTests::render);
    }

    private static RenderedManifests render(String overlay) {
        Optional<Path> kubectl = onPath("kubectl");
        if (kubectl.isEmpty()) {
            assertThat(System.getenv("PLAYGROUND_REQUIRE_KUBECTL"))
                    .as("kubectl is not on the PATH, and PLAYGROUND_REQUIRE_KUBECTL says it must be").isNull();
            Assumptions.abort("kubectl is not on the PATH (kustomize is built into it): the manifests are not rendered");
        }
        try {
            // Both streams to files, so neither can fill its pipe, and a hung kubectl only costs the timeout.
            Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
            Path err = Files.createTempFile("kustomize-" + overlay, ".err");
            Process process = new ProcessBuilder(kubectl.get().toString(), "kustomize", "overlays/" + overlay)
                    .directory(DEPLOY.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean ended = process.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            String rendered = Files.readString(out);
            String errors = Files.readString(err);
            Files.delete(out);
            Files.delete(err);
            assertThat(ended).as("kubectl kustomize overlays/%s ended within 60 s", overlay).isTrue();
            assertThat(process.exitValue()).as("kubectl kustomize overlays/%s: %s", overlay, errors).isZero();
            Object parsed = new KubernetesSerialization().unmarshal(rendered);
            List<HasMetadata> objects = new ArrayList<>();
            for (Object object : parsed instanceof List<?> list ? list : List.of(parsed)) {
                objects.add((HasMetadata) object);
            }
            return new RenderedManifests(overlay, objects);
        } catch (IOException e) {
            throw new AssertionError("kubectl kustomize overlays/" + overlay + " did not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Optional<Path> onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(folder -> Path.of(folder, program)).filter(Files::isExecutable).findFirst();
    }

    private static boolean readsTheKubernetesApi(String module) throws IOException {
        return Files.readString(HOME.resolve(module).resolve("pom.xml")).contains("<artifactId>spring-cloud-kubernetes");
    }

    @SuppressWarnings("unchecked")
    private static Set<String> composeImages() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(HOME.resolve("docker-compose.yml")));
        return ((Map<String, Map<String, Object>>) compose.get("services")).values().stream()
                .map(service -> (String) service.get("image")).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    /** host and port (or null) of every URL in a value, or of a host:port list (Kafka's bootstrap servers). */
    private static List<String[]> hostsIn(String value) {
        List<String[]> hosts = new ArrayList<>();
        if (HOST_PORTS.matcher(value).matches()) {
            for (String hostPort : value.split(",")) {
                hosts.add(hostPort.split(":"));
            }
            return hosts;
        }
        Matcher url = URL_HOST.matcher(value);
        while (url.find()) {
            hosts.add(new String[] {url.group(1), url.group(2)});
        }
        return hosts;
    }

    private static Set<String> placeholdersIn(String value) {
        Set<String> names = new TreeSet<>();
        Matcher placeholder = Pattern.compile("\\$\\{([^:}]+)").matcher(value);
        while (placeholder.find()) {
            names.add(ModuleConfig.canonical(placeholder.group(1)));
        }
        return names;
    }

    private static Optional<Long> heap(Map<String, String> environment) {
        return environment.values().stream().map(XMX::matcher).filter(Matcher::find)
                .map(m -> bytes(m.group(1) + m.group(2))).findFirst();
    }

    private static long bytes(String size) {
        Matcher m = Pattern.compile("(\\d+)([kmgKMG]?)").matcher(size);
        assertThat(m.matches()).as("a size: %s", size).isTrue();
        long unit = switch (m.group(2).toLowerCase()) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1L;
        };
        return Long.parseLong(m.group(1)) * unit;
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        Map<String, String> wanted = selector == null ? null : selector.getMatchLabels();
        return wanted != null && !wanted.isEmpty() && labels.entrySet().containsAll(wanted.entrySet());
    }

    private static String name(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getName();
    }

    private static String text(IntOrString port) {
        return port.getIntVal() != null ? String.valueOf(port.getIntVal()) : port.getStrVal();
    }
}
