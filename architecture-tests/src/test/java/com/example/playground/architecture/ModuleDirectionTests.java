package com.example.playground.architecture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.stream.Stream;

import static com.example.playground.architecture.Module.packagesOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The direction between our modules: contracts ← support ← services; gateway, discovery and the
 * supervisor apart. Maven's dependencies allow no more today; these rules keep it so when someone
 * adds a dependency to a pom, or copies a class into the wrong module.
 */
class ModuleDirectionTests {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Module.class)
    void everyModuleKeepsItsClassesInItsOwnPackages(Module module) {
        // The rules below know a module by its packages: a class of order-service put in a payment
        // package would escape all of them.
        classes().should().resideInAnyPackage(module.packages)
                .because("the code of " + module.folder + " lives in its own packages, which is how the other rules know it")
                .check(module.mainClasses());
    }

    @Test
    void modulesDependOnEachOtherOnlyInOneDirection() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("contracts").definedBy(Module.CONTRACTS.packages)
                .layer("support").definedBy(Module.SUPPORT.packages)
                .layer("services").definedBy(packagesOf(Module.SERVICES))
                .layer("gateway").definedBy(Module.GATEWAY.packages)
                .layer("discovery").definedBy(Module.DISCOVERY.packages)
                .layer("monolith").definedBy(Module.MONOLITH.packages)
                .layer("supervisor").definedBy(Module.SUPERVISOR.packages)

                .whereLayer("contracts").mayNotAccessAnyLayer()
                .whereLayer("support").mayOnlyAccessLayers("contracts")
                .whereLayer("services").mayOnlyAccessLayers("contracts", "support")
                // Spring Cloud apps, configured by properties; they know no message of ours.
                .whereLayer("gateway").mayNotAccessAnyLayer()
                .whereLayer("discovery").mayNotAccessAnyLayer()
                // The whole shop in one process, the contrast of the services: it shares nothing with
                // them, not even the messages (docs/patterns/over-engineering.md).
                .whereLayer("monolith").mayNotAccessAnyLayer()
                // Plain JDK code that talks to the services over HTTP only (the system tests use it,
                // from test code).
                .whereLayer("supervisor").mayNotAccessAnyLayer()
                // Every class of ours is in one of the layers above, so none escapes the rule.
                .ensureAllClassesAreContainedInArchitecture()
                .check(Module.allMainClasses());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"ORDER_SERVICE", "PAYMENT_SERVICE", "INVENTORY_SERVICE", "SAGA_ORCHESTRATOR"})
    void noServiceReachesIntoAnother(Module service) {
        Module[] others = Stream.of(Module.SERVICES).filter(other -> other != service).toArray(Module[]::new);
        noClasses().that().resideInAnyPackage(service.packages)
                .should().dependOnClassesThat().resideInAnyPackage(packagesOf(others))
                .because("services talk through the messages in contracts and over HTTP, never through each other's classes")
                .check(Module.allMainClasses());
    }
}
