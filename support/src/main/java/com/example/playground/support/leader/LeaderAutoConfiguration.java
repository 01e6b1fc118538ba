package com.example.playground.support.leader;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Leader election among the instances of one service, with Spring Integration's leader initiator
 * over its JDBC lock registry, in the service's own database (docs/patterns/leader-election.md):
 * no coordinator process, and the instances of a service already share that database.
 *
 * <p>The leader renews its lock every {@code heartbeat}; a lock not renewed for {@code ttl} (its
 * process was killed, say) is free for another instance, which tries every {@code busy-wait}. So a
 * killed leader is replaced within about ttl + busy-wait; one that stops cleanly gives the lock up
 * at once.
 */
@AutoConfiguration
public class LeaderAutoConfiguration {

    /** The instance is name:port on one machine, the pod's name on Kubernetes (playground.instance, playground-service.yml). */
    @Bean
    Leadership leadership(@Value("${spring.application.name:application}") String service,
            @Value("${playground.instance:${spring.application.name:application}:${server.port:0}}") String instance) {
        return new Leadership(service, instance);
    }

    /** Its rows live in INT_LOCK, created by support's migration V1_2; the region keeps the leader's lock apart from any other. */
    @Bean
    DefaultLockRepository leaderLockRepository(DataSource dataSource, Leadership leadership,
            ObjectProvider<PlatformTransactionManager> transactions) {
        DefaultLockRepository repository = new DefaultLockRepository(dataSource, leadership.getId());
        repository.setRegion("leader");
        transactions.ifUnique(repository::setTransactionManager);
        return repository;
    }

    @Bean
    JdbcLockRegistry leaderLockRegistry(DefaultLockRepository repository,
            @Value("${playground.leader.ttl:3s}") Duration ttl) {
        return new JdbcLockRegistry(repository, ttl);
    }

    @Bean
    LockRegistryLeaderInitiator leaderInitiator(JdbcLockRegistry registry, Leadership leadership,
            @Value("${playground.leader.heartbeat:1s}") Duration heartbeat,
            @Value("${playground.leader.busy-wait:200ms}") Duration busyWait) {
        LockRegistryLeaderInitiator initiator = new LockRegistryLeaderInitiator(registry, leadership);
        initiator.setHeartBeatMillis(heartbeat.toMillis());
        initiator.setBusyWaitMillis(busyWait.toMillis());
        return initiator;
    }

    @Bean
    LeaderEndpoint leaderEndpoint(Leadership leadership) {
        return new LeaderEndpoint(leadership);
    }

    /** 1 on the leader, 0 on every other instance: on /actuator/prometheus as playground_leader. */
    @Bean
    MeterBinder leaderMetric(Leadership leadership) {
        return registry -> Gauge.builder("playground.leader", leadership, l -> l.isLeader() ? 1 : 0)
                .description("Whether this instance is its service's leader (runs the outbox relay and the deadline scanners)")
                .register(registry);
    }
}
