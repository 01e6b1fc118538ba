package com.example.playground.support.health;

import com.netflix.appinfo.HealthCheckHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The health a service reports: a {@code kafka} indicator next to Boot's {@code db}, and Eureka
 * fed from the readiness group (docs/patterns/health-checks.md).
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration"})
public class HealthAutoConfiguration {

    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
        return new KafkaHealthIndicator(admin.getConfigurationProperties());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthCheckHandler.class)
    static class EurekaStatus {

        @Bean
        @ConditionalOnBean(HealthEndpoint.class)
        HealthCheckHandler readinessToEureka(HealthEndpoint health) {
            return new ReadinessToEureka(health);
        }
    }
}
