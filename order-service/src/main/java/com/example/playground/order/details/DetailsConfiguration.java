package com.example.playground.order.details;

import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.OutboundFaults;
import org.springframework.cloud.client.loadbalancer.DeferringLoadBalancerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class DetailsConfiguration {

    /** Load-balanced clients as for the catalog (see CatalogConfiguration), with their fault targets. */
    @Bean
    Neighbours neighbours(RestClient.Builder builder, DeferringLoadBalancerInterceptor loadBalancer, Faults faults) {
        return new Neighbours(
                builder.clone().requestInterceptor(new OutboundFaults(faults, Neighbours.PAYMENT))
                        .requestInterceptor(loadBalancer).baseUrl("http://" + Neighbours.PAYMENT).build(),
                builder.clone().requestInterceptor(new OutboundFaults(faults, Neighbours.INVENTORY))
                        .requestInterceptor(loadBalancer).baseUrl("http://" + Neighbours.INVENTORY).build());
    }
}
