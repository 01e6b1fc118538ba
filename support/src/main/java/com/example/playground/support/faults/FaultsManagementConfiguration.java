package com.example.playground.support.faults;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;

/**
 * Puts {@link FaultsController} into the management context, so faults are set on the management
 * port only (never on the port the gateway routes to); with no port of its own, the management
 * context is the main one.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
class FaultsManagementConfiguration {

    @Bean
    FaultsController faultsController(Faults faults) {
        return new FaultsController(faults);
    }
}
