package com.example.playground.order.catalog;

import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.OutboundFaults;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.loadbalancer.DeferringLoadBalancerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

    /**
     * Boot's configured builder (timeouts, tracing) plus Spring Cloud's load-balancer interceptor,
     * so "http://inventory-service" means "an instance Eureka knows". Deliberately not a
     * {@code @LoadBalanced RestClient.Builder} bean: the Eureka client would pick that builder up for
     * its own calls and then try to resolve the registry's address as a service name. The fault
     * target {@code inventory-service} sits in front, so a demo can break this one dependency.
     */
    @Bean
    Catalog catalog(RestClient.Builder builder, DeferringLoadBalancerInterceptor loadBalancer, Faults faults,
            @Value("${playground.orders.inventory-url:http://inventory-service}") String inventoryUrl) {
        return new Catalog(builder.requestInterceptor(new OutboundFaults(faults, "inventory-service"))
                .requestInterceptor(loadBalancer).baseUrl(inventoryUrl).build());
    }
}
