package com.example.playground.support.observation;

import brave.sampler.Sampler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Before Boot's Brave auto-configuration, so that its {@code Sampler} (built once, from the value at
 * start) steps aside for the {@link RefreshableSampler}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration")
public class ObservationAutoConfiguration {

    @Bean
    QuietBackgroundWork quietBackgroundWork() {
        return new QuietBackgroundWork();
    }

    /** Every service has Brave and Spring Cloud's refresh; support itself needs neither. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Sampler.class, EnvironmentChangeEvent.class})
    static class Sampling {

        @Bean
        @ConditionalOnMissingBean(Sampler.class)
        RefreshableSampler refreshableSampler(Environment environment) {
            return new RefreshableSampler(environment);
        }
    }
}
