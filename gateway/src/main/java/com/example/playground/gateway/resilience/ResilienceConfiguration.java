package com.example.playground.gateway.resilience;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class ResilienceConfiguration {

    @Bean
    RateLimiting rateLimiting(RateLimitProperties limit) {
        return new RateLimiting(limit, System::nanoTime);
    }
}
