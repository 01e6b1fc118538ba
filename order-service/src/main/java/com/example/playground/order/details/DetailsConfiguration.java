package com.example.playground.order.details;

import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.OutboundFaults;
import org.springframework.cloud.client.loadbalancer.DeferringLoadBalancerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class DetailsConfiguration {

    /** Load-balanced clients as for the catalog (see CatalogConfiguration), with their fault targets. */
    @Bean
    Neighbours neighbours(RestClient.Builder builder, DeferringLoadBalancerInterceptor loadBalancer, Faults faults,
            JsonMapper json) {
        // Amounts pass through as written (25.00), never as doubles and never with zeros stripped.
        JsonMapper decimals = json.rebuild()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
        return new Neighbours(
                builder.clone().requestInterceptor(new OutboundFaults(faults, Neighbours.PAYMENT))
                        .requestInterceptor(loadBalancer).baseUrl("http://" + Neighbours.PAYMENT).build(),
                builder.clone().requestInterceptor(new OutboundFaults(faults, Neighbours.INVENTORY))
                        .requestInterceptor(loadBalancer).baseUrl("http://" + Neighbours.INVENTORY).build(),
                decimals);
    }
}
