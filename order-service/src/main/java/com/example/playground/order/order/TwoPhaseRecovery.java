package com.example.playground.order.order;

import com.example.playground.order.twophase.TwoPhaseCommit;
import com.example.playground.support.leader.Leadership;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The coordinator's recovery, every two seconds on the leading instance: an order placed by
 * two-phase commit that no coordinator is deciding any more (order-service was killed between the
 * votes and the decision) is aborted, as nothing was promised yet (presumed abort); an order decided
 * but not told to every participant is told again; a transaction a participant holds prepared for an
 * order that has ended (its prepare came late) is told the outcome again. Until this runs, the participants hold their
 * prepared transactions and their locks: nothing else can end them. On a thread of its own: it calls
 * the participants, which must not hold up the outbox relay on the {@code @Scheduled} thread.
 */
@Component
class TwoPhaseRecovery implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TwoPhaseRecovery.class);
    /**
     * Longer than a coordinator can take between its log row and its decision (two votes of up to 5.5 s
     * each: TwoPhaseCommitConfiguration), so recovery never aborts an order another live instance is
     * still deciding. This process's own orders are spared anyway (TwoPhaseCommit's in-flight set).
     */
    private static final Duration UNDECIDED_FOR = Duration.ofSeconds(15);

    private final TwoPhaseCommit twoPhaseCommit;
    private final Orders orders;
    private final Leadership leadership;
    private final ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "two-phase-commit-recovery");
        thread.setDaemon(true);
        return thread;
    });

    TwoPhaseRecovery(TwoPhaseCommit twoPhaseCommit, Orders orders, Leadership leadership) {
        this.twoPhaseCommit = twoPhaseCommit;
        this.orders = orders;
        this.leadership = leadership;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        every.scheduleWithFixedDelay(this::recover, 2, 2, TimeUnit.SECONDS);
    }

    void recover() {
        if (!leadership.isLeader() || !twoPhaseCommit.available()) {
            return;
        }
        try {
            for (String orderId : twoPhaseCommit.undecided(UNDECIDED_FOR)) {
                log.info("Recovering two-phase commit of order {}: undecided, so aborted", orderId);
                orders.endTwoPhaseCommit(orderId, "order-service stopped coordinating before it decided: aborted on recovery");
            }
            twoPhaseCommit.unfinished().forEach(twoPhaseCommit::finish);
            int strays = twoPhaseCommit.endStrays();
            if (strays > 0) {
                log.info("Recovering two-phase commit: told {} prepared transaction(s) of ended orders their outcome again", strays);
            }
        } catch (RuntimeException e) {
            log.warn("Two-phase commit recovery failed this round, next in 2 s: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        every.shutdownNow();
    }
}
