package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One overlay of deploy/kubernetes as {@code kubectl kustomize} renders it, parsed into fabric8's
 * Kubernetes model (Strimzi's resources as {@link GenericKubernetesResource}), with the look-ups
 * {@link KubernetesManifestsTests} needs: the workloads and their pods, a container's environment as
 * the kubelet would give it, the Services a host name may mean, who may read the Kubernetes API.
 */
record RenderedManifests(String overlay, List<HasMetadata> objects) {

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * Every field the model does not know, as {@code Kind/name: path [fields]}: fabric8 keeps what it
     * cannot map in each object's additional properties, where a misspelt field ({@code readinesProbe},
     * {@code timeoutSecond}) would sit unnoticed until the API server refused or ignored it. Strimzi's
     * resources are all additional properties, so they are left out.
     */
    List<String> unknownFields() {
        List<String> unknown = new ArrayList<>();
        objects.stream().filter(object -> !(object instanceof GenericKubernetesResource))
                .forEach(object -> unknownFields(object, object.getKind() + "/" + object.getMetadata().getName() + ":", unknown));
        return unknown;
    }

    private static void unknownFields(Object node, String path, List<String> unknown) {
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node == null || !node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() > 0 || !getter.getName().startsWith("get")
                    || !getter.getDeclaringClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue; // a derived value (a quantity's number, say), not a field
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + " " + extra.keySet());
                }
            } else {
                unknownFields(value, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }

    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        all(Deployment.class).forEach(d -> workloads.add(new Workload("Deployment", d.getMetadata().getName(),
                Optional.ofNullable(d.getSpec().getReplicas()).orElse(1), d.getSpec().getSelector(), d.getSpec().getTemplate())));
        all(StatefulSet.class).forEach(s -> workloads.add(new Workload("StatefulSet", s.getMetadata().getName(),
                Optional.ofNullable(s.getSpec().getReplicas()).orElse(1), s.getSpec().getSelector(), s.getSpec().getTemplate())));
        return workloads;
    }

    Optional<Workload> workload(String name) {
        return workloads().stream().filter(w -> w.name().equals(name)).findFirst();
    }

    List<OurContainer> ourContainers(Path home) {
        List<OurContainer> ours = new ArrayList<>();
        for (Workload workload : workloads()) {
            for (Container container : workload.containers()) {
                if (container.getImage().startsWith("pattern-playground/")) {
                    Map<String, String> environment = environment(workload, container);
                    List<String> profiles = Arrays.stream(environment.getOrDefault("SPRING_PROFILES_ACTIVE", "").split(","))
                            .map(String::trim).toList();
                    String module = workload.module().orElseThrow();
                    ours.add(new OurContainer(overlay, workload, container, environment, profiles,
                            ModuleConfig.of(home, module, profiles)));
                }
            }
        }
        return ours;
    }

    /**
     * A container's environment as the kubelet would give it: envFrom's ConfigMaps, then env. A value
     * from a Secret reads {@code <secret NAME>}. Fails if a ConfigMap, Secret or key it names is missing.
     */
    Map<String, String> environment(Workload workload, Container container) {
        String where = "%s: %s container %s".formatted(overlay, workload, container.getName());
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource source : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            assertThat(source.getConfigMapRef()).as(where + ": envFrom a ConfigMap").isNotNull();
            environment.putAll(configMap(source.getConfigMapRef().getName(), where).getData());
        }
        for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            if (variable.getValueFrom() == null) {
                environment.put(variable.getName(), variable.getValue());
            } else if (variable.getValueFrom().getSecretKeyRef() != null) {
                var ref = variable.getValueFrom().getSecretKeyRef();
                Secret secret = all(Secret.class).stream().filter(s -> s.getMetadata().getName().equals(ref.getName()))
                        .findFirst().orElseThrow(() -> new AssertionError(where + ": no Secret " + ref.getName()));
                Map<String, String> keys = new HashMap<>(Optional.ofNullable(secret.getData()).orElse(Map.of()));
                keys.putAll(Optional.ofNullable(secret.getStringData()).orElse(Map.of()));
                assertThat(keys.keySet()).as(where + ": the keys of Secret %s", ref.getName()).contains(ref.getKey());
                environment.put(variable.getName(), "<secret " + ref.getName() + ">");
            } else if (variable.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = variable.getValueFrom().getConfigMapKeyRef();
                Map<String, String> data = configMap(ref.getName(), where).getData();
                assertThat(data.keySet()).as(where + ": the keys of ConfigMap %s", ref.getName()).contains(ref.getKey());
                environment.put(variable.getName(), data.get(ref.getKey()));
            }
        }
        return environment;
    }

    private ConfigMap configMap(String name, String where) {
        return all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(where + ": no ConfigMap " + name));
    }

    /** Every Service's name with its ports, and the bootstrap Service Strimzi makes for each Kafka. */
    Map<String, Set<Integer>> serviceHosts() {
        Map<String, Set<Integer>> hosts = new HashMap<>();
        all(Service.class).forEach(s -> hosts.put(s.getMetadata().getName(),
                s.getSpec().getPorts().stream().map(p -> p.getPort()).collect(Collectors.toSet())));
        for (GenericKubernetesResource kafka : custom("Kafka")) {
            List<Map<String, Object>> listeners = kafka.get("spec", "kafka", "listeners");
            hosts.put(kafka.getMetadata().getName() + "-kafka-bootstrap", listeners.stream()
                    .map(l -> ((Number) l.get("port")).intValue()).collect(Collectors.toSet()));
        }
        return hosts;
    }

    Optional<HorizontalPodAutoscaler> autoscalerOf(Workload workload) {
        return all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(workload.name())).findFirst();
    }

    int fewestPods(Workload workload) {
        return autoscalerOf(workload).map(h -> Math.min(minReplicas(h), workload.replicas()))
                .orElse(workload.replicas());
    }

    int mostPods(Workload workload) {
        return autoscalerOf(workload).map(h -> Math.max(h.getSpec().getMaxReplicas(), workload.replicas()))
                .orElse(workload.replicas());
    }

    /** Whether a ServiceAccount of this rendering is bound to a Role that lets discovery read what it reads. */
    boolean mayDiscover(String account) {
        if (account == null || all(ServiceAccount.class).stream().noneMatch(a -> a.getMetadata().getName().equals(account))) {
            return false;
        }
        Set<String> granted = new TreeSet<>();
        for (RoleBinding binding : all(RoleBinding.class)) {
            boolean boundToIt = binding.getSubjects().stream()
                    .anyMatch(s -> "ServiceAccount".equals(s.getKind()) && account.equals(s.getName()));
            if (boundToIt) {
                all(Role.class).stream().filter(r -> r.getMetadata().getName().equals(binding.getRoleRef().getName()))
                        .flatMap(r -> r.getRules().stream()).forEach(rule -> granted.addAll(grants(rule)));
            }
        }
        Set<String> needed = new TreeSet<>();
        for (String verb : List.of("get", "list", "watch")) {
            for (String resource : List.of("/services", "/endpoints", "/pods", "discovery.k8s.io/endpointslices")) {
                needed.add(resource + ":" + verb);
            }
        }
        return granted.equals(needed);
    }

    private static Set<String> grants(PolicyRule rule) {
        Set<String> grants = new TreeSet<>();
        for (String group : rule.getApiGroups()) {
            for (String resource : rule.getResources()) {
                for (String verb : rule.getVerbs()) {
                    grants.add(group + "/" + resource + ":" + verb);
                }
            }
        }
        return grants;
    }

    static int minReplicas(HorizontalPodAutoscaler autoscaler) {
        return Optional.ofNullable(autoscaler.getSpec().getMinReplicas()).orElse(1);
    }

    /** A Deployment or a StatefulSet: what makes pods. */
    record Workload(String kind, String name, int replicas, LabelSelector selector, PodTemplateSpec template) {

        Map<String, String> podLabels() {
            return Optional.ofNullable(template.getMetadata().getLabels()).orElse(Map.of());
        }

        List<Container> containers() {
            return template.getSpec().getContainers();
        }

        /** The container port a Service or probe port (a number or a name) means, if some container opens it. */
        Optional<Integer> containerPort(IntOrString port) {
            return containers().stream().flatMap(c -> c.getPorts().stream())
                    .filter(p -> port.getIntVal() != null ? port.getIntVal().equals(p.getContainerPort())
                            : port.getStrVal().equals(p.getName()))
                    .map(ContainerPort::getContainerPort).findFirst();
        }

        /** Our module it runs, from its image. */
        Optional<String> module() {
            return containers().stream().map(Container::getImage).filter(i -> i.startsWith("pattern-playground/"))
                    .map(i -> i.substring("pattern-playground/".length(), i.indexOf(':'))).findFirst();
        }

        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    /** A container that runs one of our modules, with that module's configuration under the pod's profiles. */
    record OurContainer(String overlay, Workload workload, Container container, Map<String, String> environment,
            List<String> profiles, ModuleConfig config) {

        @Override
        public String toString() {
            return overlay + ": " + workload + " container " + container.getName();
        }
    }
}
