package com.example.playground.order.twophase;

import com.example.playground.support.faults.Faults;
import com.example.playground.support.faults.OutboundFaults;
import com.example.playground.support.twophase.PreparedTransactions;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.cloud.client.loadbalancer.DeferringLoadBalancerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class TwoPhaseCommitConfiguration {

    /**
     * A participant's prepare may wait for each row another transaction holds, up to its lock timeout
     * (PreparedTransactions.LOCK_WAIT): the coordinator waits longer than that, so it rarely gives up
     * on a vote that is still coming. One that comes anyway is ended by recovery (TwoPhaseCommit.endStrays).
     */
    private static final Duration VOTE_TIME = Duration.ofSeconds(5);

    @Bean
    TwoPhaseCommit twoPhaseCommit(JdbcClient jdbc, RestClient.Builder builder, DeferringLoadBalancerInterceptor loadBalancer,
            Faults faults, PreparedTransactions database, Clock clock) {
        var requests = ClientHttpRequestFactoryBuilder.detect()
                .build(HttpClientSettings.defaults().withTimeouts(Duration.ofMillis(500), VOTE_TIME));
        RestClient inventory = builder.clone().requestFactory(requests)
                .requestInterceptor(new OutboundFaults(faults, "inventory-service"))
                .requestInterceptor(loadBalancer).baseUrl("http://inventory-service").build();
        RestClient payment = builder.clone().requestFactory(requests)
                .requestInterceptor(new OutboundFaults(faults, "payment-service"))
                .requestInterceptor(loadBalancer).baseUrl("http://payment-service").build();
        return new TwoPhaseCommit(jdbc, new Participants(inventory, payment), faults, database, clock);
    }
}
