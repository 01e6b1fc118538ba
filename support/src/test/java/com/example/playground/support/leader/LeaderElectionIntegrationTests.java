package com.example.playground.support.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Leader election over the lock table in a real database (H2), as the services run it: this
 * context's instance and a second one that shares its database, started beside it in the test.
 */
@SpringBootTest(classes = LeaderElectionIntegrationTests.App.class, properties = {
        "spring.application.name=inventory-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "spring.flyway.locations=classpath:db/support",
        "eureka.client.enabled=false"})
@EmbeddedKafka
class LeaderElectionIntegrationTests {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @Autowired Leadership leadership;
    @Autowired LockRegistryLeaderInitiator initiator;
    @Autowired LeaderEndpoint endpoint;
    @Autowired DataSource dataSource;
    @Autowired PlatformTransactionManager transactions;

    Leadership second;
    LockRegistryLeaderInitiator secondInitiator;

    @AfterEach
    void stopTheSecondAndLeadAgain() {
        if (secondInitiator != null) {
            secondInitiator.stop();
        }
        initiator.start();
        await().atMost(Duration.ofSeconds(10)).until(leadership::isLeader);
    }

    @Test
    void aLoneInstanceLeadsAndSaysSo() {
        await().atMost(Duration.ofSeconds(10)).until(leadership::isLeader);

        assertThat(endpoint.leader()).containsEntry("leader", true).containsEntry("role", "inventory-service");
        assertThat(endpoint.leader().get("since")).isNotNull();
    }

    @Test
    void aSecondInstanceWaitsAndTakesOverWhenTheLeaderStops() {
        await().atMost(Duration.ofSeconds(10)).until(leadership::isLeader);
        startASecondInstance();

        // Held for longer than the lock's time to live: the leader renews it, the second never gets it.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> !second.isLeader());
        assertThat(leadership.isLeader()).isTrue();

        initiator.stop();

        await().atMost(Duration.ofSeconds(5)).until(second::isLeader);
        assertThat(leadership.isLeader()).isFalse();
        assertThat(endpoint.leader()).containsEntry("leader", false);
    }

    @Test
    void aLeaderThatStepsDownLetsTheOtherLead() {
        await().atMost(Duration.ofSeconds(10)).until(leadership::isLeader);
        startASecondInstance();

        assertThat(endpoint.stepDown()).containsEntry("steppedDown", true);

        // Either may win the next round, but never both at once; the second wins within a few rounds.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(leadership.isLeader() && second.isLeader()).isFalse();
            if (leadership.isLeader()) {
                endpoint.stepDown();
            }
            assertThat(second.isLeader()).isTrue();
        });
    }

    private void startASecondInstance() {
        second = new Leadership("inventory-service", "inventory-service:2");
        DefaultLockRepository repository = new DefaultLockRepository(dataSource, second.getId());
        repository.setRegion("leader");
        repository.setTransactionManager(transactions);
        repository.afterPropertiesSet();
        repository.afterSingletonsInstantiated();
        secondInitiator = new LockRegistryLeaderInitiator(new JdbcLockRegistry(repository, Duration.ofSeconds(3)), second);
        secondInitiator.setHeartBeatMillis(1000);
        secondInitiator.setBusyWaitMillis(200);
        secondInitiator.start();
    }
}
