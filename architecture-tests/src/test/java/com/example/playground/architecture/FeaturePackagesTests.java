package com.example.playground.architecture;

import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Inside a module, code is packaged by feature (order-service: {@code order}, {@code catalog},
 * {@code details}). Features may use each other, but not both ways round: a cycle makes two
 * features one, and neither can be read, tested or moved without the other.
 */
class FeaturePackagesTests {

    @Test
    void featurePackagesAreFreeOfCycles() {
        // One slice per feature package of every module, e.g. "order.catalog" or "support.faults".
        slices().matching("com.example.playground.(*).(*)..").namingSlices("$1.$2")
                .should().beFreeOfCycles()
                .check(Module.allMainClasses());
    }

    @Test
    void theSupervisorsPackagesAreFreeOfCycles() {
        // The supervisor's units are top-level packages of their own: supervisor, cli, scenario, controlroom,
        // lab, chaos, bench, autoscale, canary.
        slices().matching("com.example.playground.(*)..").namingSlices("$1")
                .should().beFreeOfCycles()
                .check(Module.SUPERVISOR.mainClasses());
    }
}
