package com.example.playground.support.testing;

import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A Kubernetes API server for the kubernetes profile's tests (deploy/kubernetes): fabric8's mock
 * server in CRUD mode, which keeps what it is given and serves lists and watches as a cluster's
 * would. It holds what the platform would write for the playground's Services: a Service with its
 * port named http and its management port, and the Endpoints of its pods, ready or not.
 */
public final class KubernetesApi implements AutoCloseable {

    public static final String NAMESPACE = "playground";

    private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
            new HashMap<>(), new KubernetesCrudDispatcher(), false);

    /** A started API server; the application under test is pointed at it as if it ran in a pod. */
    public static KubernetesApi startedFor(DynamicPropertyRegistry registry) throws IOException {
        KubernetesApi api = new KubernetesApi();
        api.server.init(InetAddress.getByName("127.0.0.1"), 0);
        // What KUBERNETES_SERVICE_HOST and the pod's service-account files say inside a cluster.
        registry.add("spring.main.cloud-platform", () -> "kubernetes");
        registry.add("spring.cloud.kubernetes.client.master-url", () -> api.server.url("/"));
        registry.add("spring.cloud.kubernetes.client.namespace", () -> NAMESPACE);
        registry.add("spring.cloud.kubernetes.client.trust-certs", () -> "true");
        return api;
    }

    /** The Service NAME with one pod listening on 127.0.0.1:podPort, ready or (running but) not. */
    public void service(String name, int podPort, boolean ready) {
        try (KubernetesClient cluster = server.createClient()) {
            cluster.services().inNamespace(NAMESPACE).resource(new ServiceBuilder()
                    .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                    .withNewSpec().addToSelector("app.kubernetes.io/name", name)
                    .addNewPort().withName("http").withPort(8080).endPort()
                    .addNewPort().withName("management").withPort(8180).endPort()
                    .endSpec().build()).create();
            var subset = new EndpointsBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                    .addNewSubset();
            subset = ready ? subset.addNewAddress().withIp("127.0.0.1").endAddress()
                    : subset.addNewNotReadyAddress().withIp("127.0.0.1").endNotReadyAddress();
            cluster.endpoints().inNamespace(NAMESPACE).resource(subset
                    .addNewPort().withName("http").withPort(podPort).endPort()
                    // Nothing listens there: a call that picked the management port would fail.
                    .addNewPort().withName("management").withPort(1).endPort()
                    .endSubset().build()).create();
        }
    }

    @Override
    public void close() {
        server.destroy();
    }
}
