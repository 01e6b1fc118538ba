package com.example.playground.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.Source;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Our modules with main code: the folder of each, and the packages that are its own. A new module
 * goes here, and gets its place in {@link ModuleDirectionTests}.
 * <p>
 * The rules read compiled classes from {@code <module>/target/classes} (and {@code test-classes}):
 * the services' jars are repackaged by Spring Boot, classes under BOOT-INF/, so no classpath has
 * them. The reactor builds every module before this one (see this module's pom).
 */
enum Module {

    CONTRACTS("contracts", "com.example.playground.contracts.."),
    SUPPORT("support", "com.example.playground.support.."),
    DISCOVERY("discovery", "com.example.playground.discovery.."),
    GATEWAY("gateway", "com.example.playground.gateway.."),
    ORDER_SERVICE("order-service", "com.example.playground.order.."),
    PAYMENT_SERVICE("payment-service", "com.example.playground.payment.."),
    INVENTORY_SERVICE("inventory-service", "com.example.playground.inventory.."),
    SAGA_ORCHESTRATOR("saga-orchestrator", "com.example.playground.saga.."),
    MONOLITH("monolith", "com.example.playground.monolith.."),
    SUPERVISOR("supervisor", "com.example.playground.supervisor..", "com.example.playground.cli..",
            "com.example.playground.scenario..", "com.example.playground.controlroom..", "com.example.playground.lab..",
            "com.example.playground.chaos..", "com.example.playground.bench..", "com.example.playground.autoscale..",
            "com.example.playground.canary..");

    /** The services: each may use contracts and support, never another service. */
    static final Module[] SERVICES = {ORDER_SERVICE, PAYMENT_SERVICE, INVENTORY_SERVICE, SAGA_ORCHESTRATOR};

    /** Tests only, no main code: read as users of the other modules' classes, nothing more. */
    private static final String SYSTEM_TESTS = "system-tests";

    private static final Map<Module, JavaClasses> MAIN_CLASSES = new EnumMap<>(Module.class);
    private static JavaClasses allMainClasses;
    private static JavaClasses allClassesWithTests;

    final String folder;
    final String[] packages;

    Module(String folder, String... packages) {
        this.folder = folder;
        this.packages = packages;
    }

    /** The module's folder, which is also its Maven artifact: how tests are named in reports. */
    @Override
    public String toString() {
        return folder;
    }

    /** This module's main classes alone. */
    JavaClasses mainClasses() {
        synchronized (Module.class) {
            return MAIN_CLASSES.computeIfAbsent(this, module -> importFolders(List.of(module.classesFolder())));
        }
    }

    /** The folder of this module's compiled main classes (and resources). */
    Path classesFolder() {
        return compiled(folder, "classes");
    }

    /** Every module's main classes, imported together: the direction rules read these. */
    static synchronized JavaClasses allMainClasses() {
        if (allMainClasses == null) {
            allMainClasses = importFolders(Stream.of(values()).map(Module::classesFolder).toList());
        }
        return allMainClasses;
    }

    /**
     * Every module's main and test classes, and the system tests: whoever may use a class. Only
     * for finding the users of main classes; the rules are about main code.
     */
    static synchronized JavaClasses allClassesWithTests() {
        if (allClassesWithTests == null) {
            List<Path> folders = new ArrayList<>();
            for (Module module : values()) {
                folders.add(module.classesFolder());
                folders.add(compiled(module.folder, "test-classes"));
            }
            folders.add(compiled(SYSTEM_TESTS, "test-classes"));
            allClassesWithTests = importFolders(folders);
        }
        return allClassesWithTests;
    }

    static String[] packagesOf(Module... modules) {
        return Stream.of(modules).flatMap(module -> Arrays.stream(module.packages)).toArray(String[]::new);
    }

    private static JavaClasses importFolders(List<Path> folders) {
        JavaClasses imported = new ClassFileImporter().importPaths(folders);
        // A rule over nothing passes and proves nothing: make sure every folder gave classes.
        for (Path folder : folders) {
            if (imported.stream().noneMatch(javaClass -> isFrom(javaClass.getSource(), folder))) {
                throw new IllegalStateException("no classes were imported from " + folder);
            }
        }
        return imported;
    }

    private static boolean isFrom(Optional<Source> source, Path folder) {
        return source.map(it -> Path.of(it.getUri()).startsWith(folder)).orElse(false);
    }

    /** A module's folder of compiled classes; it must be there and hold class files. */
    private static Path compiled(String module, String kind) {
        Path folder = checkoutRoot().resolve(module).resolve("target").resolve(kind);
        if (!containsClassFiles(folder)) {
            throw new IllegalStateException(module + " has no compiled classes in " + folder
                    + ": build it first (./mvnw test builds every module before architecture-tests)");
        }
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean containsClassFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.anyMatch(file -> file.toString().endsWith(".class"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Maven passes the checkout's root; from an IDE the working folder is this module's, one below it. */
    static Path checkoutRoot() {
        String home = System.getProperty("playground.home");
        return (home == null ? Path.of("..") : Path.of(home)).toAbsolutePath().normalize();
    }
}
