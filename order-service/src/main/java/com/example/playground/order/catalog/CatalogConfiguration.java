package com.example.playground.order.catalog;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

    /** Boot's configured builder (timeouts, tracing), made client-side load balanced by Spring Cloud. */
    @Bean
    @LoadBalanced
    RestClient.Builder loadBalancedRestClientBuilder(RestClientBuilderConfigurer configurer) {
        return configurer.configure(RestClient.builder());
    }

    @Bean
    Catalog catalog(RestClient.Builder loadBalanced,
            @Value("${playground.orders.inventory-url:http://inventory-service}") String inventoryUrl) {
        return new Catalog(loadBalanced.baseUrl(inventoryUrl).build());
    }
}
