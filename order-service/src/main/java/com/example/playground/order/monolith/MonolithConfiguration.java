package com.example.playground.order.monolith;

import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.OutboundFaults;
import org.springframework.cloud.client.loadbalancer.DeferringLoadBalancerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class MonolithConfiguration {

    /** A load-balanced client as for the catalog (see CatalogConfiguration), behind the payment-service fault target. */
    @Bean
    SynchronousCreditCheck synchronousCreditCheck(RestClient.Builder builder, DeferringLoadBalancerInterceptor loadBalancer,
            Faults faults) {
        return new SynchronousCreditCheck(builder.clone()
                .requestInterceptor(new OutboundFaults(faults, SynchronousCreditCheck.PAYMENT))
                .requestInterceptor(loadBalancer).baseUrl("http://" + SynchronousCreditCheck.PAYMENT).build(), faults);
    }
}
