package com.example.playground.support.faults;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way to break a service on purpose: the registry of faults and switches, and the places
 * they bite that a filter or an interceptor can carry (the service's own API, its Kafka listeners;
 * outbound HTTP clients add {@link OutboundFaults} themselves). Its API on the management port comes
 * with {@link FaultsManagementConfiguration}.
 */
@AutoConfiguration
public class FaultsAutoConfiguration {

    @Bean
    Faults faults() {
        return new Faults();
    }

    /** Boot's listener container factory picks up the one RecordInterceptor bean. */
    @Bean
    ListenerFaults listenerFaults(Faults faults) {
        return new ListenerFaults(faults);
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
