package com.example.playground.payment.provider;

import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.OutboundFaults;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

    @Bean
    SimulatedProvider simulatedProvider() {
        return new SimulatedProvider();
    }

    /** Not load-balanced: the provider is outside the system, at an address of its own. */
    @Bean
    PaymentProvider paymentProvider(RestClient.Builder builder, SimulatedProvider simulated, Faults faults) {
        return new PaymentProvider(builder.requestInterceptor(new OutboundFaults(faults, PaymentProvider.NAME))
                .baseUrl(simulated.url())
                .build());
    }
}
