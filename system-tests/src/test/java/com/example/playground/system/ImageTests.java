package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image tarballs {@code ./mvnw -Pimages package} writes ({@code <module>/target/jib-image.tar},
 * docker save format) hold what docker-compose.yml and Kubernetes rely on: the name the build
 * promises, a non-root user, an entrypoint that runs the module's main class with the lean JVM
 * flags, the module's ports, the module's classes in a layer of their own apart from its
 * dependencies, and an executable {@code /app/healthcheck}. What is expected comes from the
 * module's sources, not from the Jib configuration that made the image.
 *
 * <p>Without tarballs the checks are skipped, saying how to build them; CI builds them first and
 * sets {@code PLAYGROUND_REQUIRE_IMAGES}, and there a missing tarball fails.
 *
 * <p>Over 300 lines because it reads the tarballs itself: a docker-save archive and its layers with
 * the few lines of tar it needs ({@code Tar}), rather than a compression library for one test.
 */
class ImageTests {

    private static final List<String> IMAGED = List.of("discovery", "gateway", "order-service", "payment-service",
            "inventory-service", "saga-orchestrator", "monolith");
    private static final List<String> LEAN_JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-Xss256k", "-XX:+UseSerialGC");
    private static final String USER = "10001";
    /** Jib's own layers for a Maven project, in its order; only those with content are written. */
    private static final Set<String> JIB_LAYERS = Set.of("dependencies", "snapshot dependencies",
            "project dependencies", "resources", "classes", "jvm arg files", "extra files");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Each tarball is read once: an image is 90–120 MB. */
    private static final Map<String, Image> IMAGES = new ConcurrentHashMap<>();

    @Test
    void exactlyTheServicesHaveImages() throws IOException {
        assertThat(ServiceImages.modules()).containsExactlyElementsOf(IMAGED);
    }

    @ParameterizedTest
    @MethodSource("imaged")
    void theImageRunsTheModuleAsANonRootUserWithTheLeanFlagsOnItsPorts(String module) throws IOException {
        Image image = image(module);
        assertThat(image.manifest.get("RepoTags").values().stream().map(JsonNode::asString))
                .containsExactly(ServiceImages.name(module));

        JsonNode config = image.config.get("config");
        assertThat(config.get("User").asString()).as("the user").isEqualTo(USER);
        List<String> entrypoint = config.get("Entrypoint").values().stream().map(JsonNode::asString).toList();
        assertThat(entrypoint.get(0)).as("the entrypoint %s runs java", entrypoint).matches("java|.*/java");
        assertThat(entrypoint).containsSubsequence(LEAN_JVM_FLAGS).last().isEqualTo(mainClass(module));
        assertThat(config.get("Env").values().stream().map(JsonNode::asString))
                .anySatisfy(env -> assertThat(env).startsWith("PATH=").contains("/opt/java/openjdk/bin"));
        assertThat(config.get("ExposedPorts").propertyNames())
                .containsExactlyInAnyOrderElementsOf(ports(module).stream().map(port -> port + "/tcp").toList());
    }

    @ParameterizedTest
    @MethodSource("imaged")
    void theModulesClassesAreInALayerApartFromItsDependenciesAndTheHealthCheckIsExecutable(String module)
            throws IOException {
        Image image = image(module);
        List<String> jibLayers = image.config.get("history").values().stream()
                .filter(step -> !step.path("empty_layer").asBoolean(false))
                .map(step -> step.path("comment").asString(""))
                .filter(JIB_LAYERS::contains).toList();
        assertThat(jibLayers).as("Jib's layers").contains("dependencies", "resources", "classes", "extra files");
        assertThat(image.layers).hasSize(image.config.get("rootfs").get("diff_ids").size())
                .hasSizeGreaterThan(jibLayers.size());

        String mainClass = "app/classes/" + mainClass(module).replace('.', '/') + ".class";
        int classes = image.layerOf(mainClass);
        int dependencies = image.layerOf("app/libs/spring-core-");
        assertThat(classes).as("the layer of %s", mainClass).isNotNegative();
        assertThat(dependencies).as("the layer of spring-core").isNotNegative().isNotEqualTo(classes);
        assertThat(image.layers.get(classes).keySet()).as("the classes' layer").noneMatch(name -> name.startsWith("app/libs/"));

        int healthCheck = image.layerOf("app/healthcheck");
        assertThat(healthCheck).as("the layer of /app/healthcheck").isNotNegative();
        assertThat(image.layers.get(healthCheck)).as("the layer of /app/healthcheck").containsKey("app/healthcheck");
        assertThat(image.layers.get(healthCheck).get("app/healthcheck") & 0111).as("its execute bits").isEqualTo(0111);
    }

    static List<String> imaged() {
        return IMAGED;
    }

    private static Image image(String module) throws IOException {
        Path tarball = tarball(module);
        Image image = IMAGES.get(module);
        if (image == null) {
            image = Image.read(tarball);
            IMAGES.put(module, image);
        }
        return image;
    }

    private static Path tarball(String module) {
        Path tarball = ServiceImages.tarball(module);
        if (!Files.isRegularFile(tarball)) {
            String reason = "no " + ServiceImages.HOME.relativize(tarball) + ": build the images first with "
                    + "./mvnw -Pimages -DskipTests package (without a registry: docs/running-with-docker.md)";
            if (System.getenv("PLAYGROUND_REQUIRE_IMAGES") != null) {
                fail(reason);
            }
            Assumptions.abort(reason);
        }
        return tarball;
    }

    /** The class annotated {@code @SpringBootApplication} in the module's sources. */
    private static String mainClass(String module) throws IOException {
        Path sources = ServiceImages.HOME.resolve(module).resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            List<Path> applications = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> read(file).contains("@SpringBootApplication")).toList();
            assertThat(applications).as("%s's @SpringBootApplication classes", module).hasSize(1);
            String path = sources.relativize(applications.get(0)).toString();
            return path.substring(0, path.length() - ".java".length()).replace('/', '.');
        }
    }

    /** server.port and management.server.port of the module's configuration. */
    private static List<Integer> ports(String module) {
        ModuleConfig config = ModuleConfig.of(ServiceImages.HOME, module, List.of());
        return List.of(config.port("server.port"), config.port("management.server.port"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A docker save tarball: manifest.json's single image, its config, and for each of its layers in
     * order the files it holds with their permission bits.
     */
    private record Image(JsonNode manifest, JsonNode config, List<Map<String, Integer>> layers) {

        static Image read(Path tarball) throws IOException {
            Map<String, byte[]> json = new HashMap<>();
            Map<String, Map<String, Integer>> layerFiles = new HashMap<>();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(tarball), 1 << 16)) {
                Tar.forEach(in, (name, mode, content) -> {
                    if (name.endsWith(".json")) {
                        json.put(name, content.readAllBytes());
                    } else {
                        Map<String, Integer> files = new LinkedHashMap<>();
                        // Closed when read: a gzip stream holds native memory until then.
                        try (InputStream layer = unpacked(content)) {
                            Tar.forEach(layer, (file, fileMode, ignored) -> files.put(strip(file), fileMode));
                        }
                        layerFiles.put(name, files);
                    }
                });
            }
            JsonNode manifests = JSON.readTree(json.get("manifest.json"));
            assertThat(manifests.size()).as("images in %s", tarball).isEqualTo(1);
            JsonNode manifest = manifests.get(0);
            JsonNode config = JSON.readTree(json.get(manifest.get("Config").asString()));
            List<Map<String, Integer>> layers = new ArrayList<>();
            manifest.get("Layers").values().forEach(layer -> layers.add(layerFiles.get(layer.asString())));
            return new Image(manifest, config, layers);
        }

        /** The index of the first layer with a file whose path starts with prefix, or -1. */
        int layerOf(String prefix) {
            for (int i = 0; i < layers.size(); i++) {
                if (layers.get(i).keySet().stream().anyMatch(name -> name.startsWith(prefix))) {
                    return i;
                }
            }
            return -1;
        }

        private static InputStream unpacked(InputStream layer) throws IOException {
            BufferedInputStream in = new BufferedInputStream(layer, 1 << 16);
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            return gzip ? new GZIPInputStream(in, 1 << 16) : in;
        }

        private static String strip(String name) {
            return name.startsWith("./") ? name.substring(2) : name.startsWith("/") ? name.substring(1) : name;
        }
    }

    /** Just enough of tar (ustar, with pax and GNU long names) to list an image and read its JSON. */
    private static final class Tar {

        interface Entry {
            void accept(String name, int mode, InputStream content) throws IOException;
        }

        static void forEach(InputStream in, Entry entry) throws IOException {
            byte[] header = new byte[512];
            String longName = null;
            while (readFully(in, header)) {
                if (header[0] == 0) {
                    return;
                }
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                String name = longName != null ? longName : ustarName(header);
                longName = null;
                BoundedInput content = new BoundedInput(in, size);
                if (type == 'x') {
                    longName = paxPath(new String(content.readAllBytes(), StandardCharsets.UTF_8));
                } else if (type == 'L') {
                    longName = new String(content.readAllBytes(), StandardCharsets.UTF_8).replace("\0", "");
                } else if (type == '0' || type == '\0') {
                    entry.accept(name, (int) octal(header, 100, 8), content);
                }
                content.skipRest();
                in.skipNBytes((512 - size % 512) % 512);
            }
        }

        private static String ustarName(byte[] header) {
            String name = text(header, 0, 100);
            boolean ustar = text(header, 257, 5).equals("ustar");
            String prefix = ustar ? text(header, 345, 155) : "";
            return prefix.isEmpty() ? name : prefix + "/" + name;
        }

        /** The path record of pax extended headers ("27 path=some/long/name\n"), or null. */
        private static String paxPath(String records) {
            for (String record : records.split("\n")) {
                int space = record.indexOf(' ');
                if (space > 0 && record.startsWith("path=", space + 1)) {
                    return record.substring(space + 1 + "path=".length());
                }
            }
            return null;
        }

        private static String text(byte[] header, int offset, int length) {
            int end = offset;
            while (end < offset + length && header[end] != 0) {
                end++;
            }
            return new String(header, offset, end - offset, StandardCharsets.UTF_8);
        }

        private static long octal(byte[] header, int offset, int length) {
            String digits = text(header, offset, length).trim();
            return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
        }

        private static boolean readFully(InputStream in, byte[] block) throws IOException {
            int read = in.readNBytes(block, 0, block.length);
            if (read == 0) {
                return false;
            }
            if (read < block.length) {
                throw new EOFException("a truncated tar header");
            }
            return true;
        }
    }

    /** One entry's bytes of a tar stream; closing it does not close the tar. */
    private static final class BoundedInput extends InputStream {

        private final InputStream in;
        private long left;

        BoundedInput(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, left));
            if (read > 0) {
                left -= read;
            }
            return read;
        }

        void skipRest() throws IOException {
            in.skipNBytes(left);
            left = 0;
        }

        @Override
        public void close() {
        }
    }
}
