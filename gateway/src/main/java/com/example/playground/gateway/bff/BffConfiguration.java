package com.example.playground.gateway.bff;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.factory.rewrite.ModifyResponseBodyGatewayFilterFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The backends for frontends (docs/patterns/backend-for-frontend.md): the mobile BFF's summary, memory and fallback. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BffProperties.class)
class BffConfiguration {

    @Bean
    MobileOrders mobileOrders(BffProperties properties) {
        return new MobileOrders(properties.mobile().keptFor());
    }

    @Bean
    MobileOrderSummaryGatewayFilterFactory mobileOrderSummaryGatewayFilterFactory(
            ModifyResponseBodyGatewayFilterFactory modifyResponseBody, MobileOrders orders) {
        return new MobileOrderSummaryGatewayFilterFactory(modifyResponseBody, orders);
    }
}
