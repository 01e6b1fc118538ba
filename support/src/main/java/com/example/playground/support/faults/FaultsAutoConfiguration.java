package com.example.playground.support.faults;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Fault switches for every service: the registry, its management endpoint, and the inbound target. */
@AutoConfiguration
public class FaultsAutoConfiguration {

    @Bean
    Faults faults() {
        return new Faults();
    }

    @Bean
    FaultsEndpoint faultsEndpoint(Faults faults) {
        return new FaultsEndpoint(faults);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Inbound {

        @Bean
        InboundFaults inboundFaults(Faults faults, JsonMapper json) {
            return new InboundFaults(faults, json);
        }
    }
}
