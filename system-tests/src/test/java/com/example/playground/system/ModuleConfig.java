package com.example.playground.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;

/**
 * What a module's packaged Spring Boot configuration says under some profiles, read from its YAML
 * the way Spring Boot reads it, as far as the manifests' checks need: its {@code application.yml},
 * the files it imports from the class path (support's {@code playground-service.yml}), the documents
 * whose {@code spring.config.activate.on-profile} is active, and {@code application-PROFILE.yml}.
 * Later documents win, and an imported file wins over the one that imports it, as in Spring Boot.
 *
 * <p>Keys are kept in one canonical form, so that an environment variable and the key it sets
 * compare equal: lower case, without dashes ({@code spring.kafka.bootstrap-servers} and
 * {@code SPRING_KAFKA_BOOTSTRAPSERVERS} are both {@code spring.kafka.bootstrapservers}).
 *
 * @param settings     every setting, by canonical key
 * @param required     the placeholders without a default ({@code ${playground.db.role}}), canonical
 * @param placeholders every placeholder's name, with or without a default, canonical
 */
record ModuleConfig(String module, Map<String, String> settings, Set<String> required, Set<String> placeholders) {

    /** Reads {@code module}'s configuration from the repository at {@code home} under {@code profiles}. */
    static ModuleConfig of(Path home, String module, List<String> profiles) {
        List<Path> classPath = List.of(home.resolve(module).resolve("src/main/resources"),
                home.resolve("support/src/main/resources"));
        Map<String, String> settings = new LinkedHashMap<>();
        read(classPath, "application.yml", profiles, settings);
        for (String profile : profiles) {
            read(classPath, "application-" + profile + ".yml", profiles, settings);
        }
        Set<String> required = new TreeSet<>();
        Set<String> placeholders = new TreeSet<>();
        settings.values().forEach(value -> scanPlaceholders(value, required, placeholders));
        return new ModuleConfig(module, settings, required, placeholders);
    }

    /** The canonical form of a property key or of an environment variable's name. */
    static String canonical(String keyOrVariable) {
        String key = keyOrVariable.matches("[A-Z0-9_]+") ? keyOrVariable.replace('_', '.') : keyOrVariable;
        return key.toLowerCase(Locale.ROOT).replace("-", "");
    }

    Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(canonical(key)));
    }

    int port(String key) {
        return Integer.parseInt(setting(key).orElseThrow(() -> new AssertionError(module + " sets no " + key)));
    }

    /** The actuator's health path and the groups under it ({@code /actuator/health/liveness}, ...). */
    Set<String> healthPaths() {
        String health = setting("management.endpoints.web.base-path").orElse("/actuator") + "/health";
        Set<String> paths = new TreeSet<>(Set.of(health));
        if (setting("management.endpoint.health.probes.enabled").map(Boolean::parseBoolean).orElse(false)) {
            paths.add(health + "/liveness");
            paths.add(health + "/readiness");
        }
        String groups = canonical("management.endpoint.health.group.");
        settings.keySet().stream().filter(key -> key.startsWith(groups))
                .map(key -> key.substring(groups.length()).split("\\.")[0])
                .forEach(group -> paths.add(health + "/" + group));
        return paths;
    }

    @SuppressWarnings("unchecked")
    private static void read(List<Path> classPath, String resource, List<String> profiles, Map<String, String> settings) {
        Optional<Path> file = classPath.stream().map(folder -> folder.resolve(resource)).filter(Files::exists).findFirst();
        if (file.isEmpty()) {
            return;
        }
        try {
            for (Object document : new Yaml().loadAll(Files.readString(file.get()))) {
                Map<String, String> flat = new LinkedHashMap<>();
                flatten("", document, flat);
                if (!active(flat.get(canonical("spring.config.activate.on-profile")), profiles)) {
                    continue;
                }
                settings.putAll(flat);
                for (String imported : imports(flat)) {
                    read(classPath, imported, profiles, settings);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean active(String onProfile, List<String> profiles) {
        if (onProfile == null) {
            return true;
        }
        return onProfile.startsWith("!") ? !profiles.contains(onProfile.substring(1)) : profiles.contains(onProfile);
    }

    /** The class-path files a document imports; optional files on disk (the ./playground overlay) are not packaged. */
    private static List<String> imports(Map<String, String> document) {
        List<String> imports = new ArrayList<>();
        document.forEach((key, value) -> {
            if (key.startsWith(canonical("spring.config.import"))) {
                for (String location : value.split(",")) {
                    if (location.trim().startsWith("classpath:")) {
                        imports.add(location.trim().substring("classpath:".length()));
                    }
                }
            }
        });
        return imports;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object yaml, Map<String, String> flat) {
        if (yaml instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? canonical(String.valueOf(key))
                    : prefix + "." + canonical(String.valueOf(key)), value, flat));
        } else if (yaml instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), flat);
            }
        } else if (yaml != null) {
            flat.put(prefix, String.valueOf(yaml));
        }
    }

    /** Every ${name} and ${name:default} in a value, defaults searched too (they may hold placeholders). */
    private static void scanPlaceholders(String value, Set<String> required, Set<String> placeholders) {
        for (int start = value.indexOf("${"); start >= 0; start = value.indexOf("${", start + 2)) {
            int end = start + 2;
            while (end < value.length() && value.charAt(end) != ':' && value.charAt(end) != '}') {
                end++;
            }
            String name = canonical(value.substring(start + 2, end));
            placeholders.add(name);
            if (end < value.length() && value.charAt(end) == '}') {
                required.add(name);
            }
        }
    }
}
