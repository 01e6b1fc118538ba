package com.example.playground.support.redelivery;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;

/** Puts {@link RedeliveryController} on the management port only (with no port of its own, in the main context). */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
class RedeliveryManagementConfiguration {

    @Bean
    RedeliveryController redeliveryController(Redelivery redelivery, DeadLetterReplay replay) {
        return new RedeliveryController(redelivery, replay);
    }
}
