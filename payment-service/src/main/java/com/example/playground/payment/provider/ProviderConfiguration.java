package com.example.playground.payment.provider;

import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.OutboundFaults;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProviderProperties.class)
class ProviderConfiguration {

    /**
     * Longer than the sidecar's three attempts of 1 s and its waits: only a sidecar that is itself
     * stuck makes this fire.
     */
    static final Duration SIDECAR_BACKSTOP = Duration.ofSeconds(10);

    /**
     * A fault at {@code payment-provider} breaks the provider where its caller's resilience sees
     * it: in the client for resilience in code, as before; behind the sidecar, in the provider
     * itself, since the sidecar cannot see what happens inside payment-service.
     */
    @Bean
    SimulatedProvider simulatedProvider(ProviderProperties properties, Faults faults) {
        return new SimulatedProvider(properties.port(), properties.throughSidecar() ? faults : null);
    }

    /** Not load-balanced: the provider is outside the system, at an address of its own. */
    @Bean
    PaymentProvider paymentProvider(RestClient.Builder builder, SimulatedProvider simulated, Faults faults,
            ProviderProperties properties) {
        if (properties.throughSidecar()) {
            SimpleClientHttpRequestFactory backstop = new SimpleClientHttpRequestFactory();
            backstop.setConnectTimeout(Duration.ofMillis(500));
            backstop.setReadTimeout(SIDECAR_BACKSTOP);
            return new ThroughSidecar(builder.requestFactory(backstop).baseUrl(properties.sidecarUrl()).build());
        }
        return new InCodeResilience(builder.requestInterceptor(new OutboundFaults(faults, PaymentProvider.NAME))
                .baseUrl(simulated.url())
                .build());
    }
}
