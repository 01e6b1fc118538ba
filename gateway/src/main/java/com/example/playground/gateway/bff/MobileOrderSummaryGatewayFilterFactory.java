package com.example.playground.gateway.bff;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.rewrite.ModifyResponseBodyGatewayFilterFactory;
import org.springframework.http.MediaType;

/**
 * {@code MobileOrderSummary} in a route's filters: the answer (an order of order-service) rewritten
 * into the mobile front end's {@link MobileOrder} by the gateway's own ModifyResponseBody.
 *
 * <p>ModifyResponseBody's filter orders itself before the gateway's own response writer, so before
 * every other filter of the route, the circuit breaker included: what the breaker's fallback writes
 * passes through it too. The fallback marks its answer ({@link MobileOrders#SHAPED}) to be left alone.
 */
class MobileOrderSummaryGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    private final ModifyResponseBodyGatewayFilterFactory modifyResponseBody;
    private final MobileOrders orders;

    MobileOrderSummaryGatewayFilterFactory(ModifyResponseBodyGatewayFilterFactory modifyResponseBody, MobileOrders orders) {
        super(Object.class);
        this.modifyResponseBody = modifyResponseBody;
        this.orders = orders;
    }

    @Override
    public GatewayFilter apply(Object unused) {
        return modifyResponseBody.apply(new ModifyResponseBodyGatewayFilterFactory.Config()
                .setRewriteFunction(String.class, String.class, orders.summary())
                .setNewContentType(MediaType.APPLICATION_JSON_VALUE));
    }
}
