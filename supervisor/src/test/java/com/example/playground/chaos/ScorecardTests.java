package com.example.playground.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.example.playground.supervisor.Stack;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scoring a game day without a stack: seed 3 breaks {@code kill inventory-service},
 * {@code switch payment-service outbox-relay-paused} and {@code fault order-service orders.commands
 * latency} (pinned in {@link CatalogueTests}); what is healed is told by a stand-in for the system.
 */
class ScorecardTests {

    private static final long SEED = 3;
    private static final String ALL_THREE = """
            kill inventory-service
            switch payment-service outbox-relay-paused
            fault order-service orders.commands latency
            """;

    /** The system as chaos left it: inventory-service down, the switch on, the fault set. */
    private final Playground system = new Playground();

    @Test
    void rightAfterChaosWithNoAnswersTheScoreIsZero() {
        Scorecard score = score(null);

        assertThat(score.points()).isZero();
        assertThat(score.isFull()).isFalse();
        assertThat(score.lines()).extracting(Scorecard.Line::named, Scorecard.Line::healed)
                .containsOnly(tuple(false, false));
    }

    @Test
    void eachNamedBreakageScoresOneAndEachHealedOneMore() {
        system.start("inventory-service");

        Scorecard score = score("kill inventory-service\nswitch payment-service outbox-relay-paused");

        assertThat(score.named()).isEqualTo(2);
        assertThat(score.healed()).isEqualTo(1);
        assertThat(score.points()).isEqualTo(3);
    }

    @Test
    void aHealedBreakageScoresItsPointEvenUnnamed() {
        system.heal("payment-service", "outbox-relay-paused");

        assertThat(score("").points()).isEqualTo(1);
    }

    @Test
    void eachWrongClaimCostsAPointAndTheScoreCanGoBelowZero() {
        Scorecard score = score("kill order-service\nkafka stopped\nkill inventory-service");

        assertThat(score.wrong()).containsExactly("kill order-service", "kafka stopped");
        assertThat(score.points()).isEqualTo(1 - 2);
    }

    @Test
    void theRightServiceWithTheWrongTargetOrKindIsAWrongClaim() {
        Scorecard score = score("fault order-service inbound latency\nfault order-service orders.commands hang");

        assertThat(score.named()).isZero();
        assertThat(score.wrong()).hasSize(2);
        assertThat(score.points()).isEqualTo(-2);
    }

    @Test
    void unreadableLinesNeitherScoreNorCost() {
        Scorecard score = score("kill inventory-service\nsomething with payments?");

        assertThat(score.points()).isEqualTo(1);
        assertThat(score.unreadable()).hasSize(1);
    }

    @Test
    void allNamedAndHealedAndNothingElseIsFullMarks() {
        system.start("inventory-service");
        system.heal("payment-service", "outbox-relay-paused");
        system.heal("order-service", "orders.commands");

        Scorecard score = score(ALL_THREE);

        assertThat(score.points()).isEqualTo(Scorecard.MAX).isEqualTo(6);
        assertThat(score.isFull()).isTrue();
    }

    @Test
    void fullMarksNeedEverythingHealed() {
        system.start("inventory-service");
        system.heal("payment-service", "outbox-relay-paused");

        Scorecard score = score(ALL_THREE);

        assertThat(score.points()).isEqualTo(5);
        assertThat(score.isFull()).isFalse();
    }

    @Test
    void aFaultInAServiceThatIsDownIsNotHealed() {
        system.heal("order-service", "orders.commands");
        system.stop("order-service");

        assertThat(score(ALL_THREE).healed()).isZero();
    }

    private Scorecard score(String answers) {
        return Scorecard.of(Catalogue.draw(SEED), Answers.read(answers, Stack.withPortOffset(0).names()), system);
    }

    /** A stand-in for the running playground, as chaos with seed 3 leaves it. */
    private static final class Playground implements Now {

        private final Set<String> down = new HashSet<>(List.of("inventory-service"));
        private final Set<String> broken = new HashSet<>(List.of("payment-service/outbox-relay-paused",
                "order-service/orders.commands"));

        void start(String process) {
            down.remove(process);
        }

        void stop(String process) {
            down.add(process);
        }

        void heal(String service, String name) {
            broken.remove(service + "/" + name);
        }

        @Override
        public boolean running(String process) {
            return !down.contains(process);
        }

        @Override
        public boolean isBroken(String service, String name) {
            return broken.contains(service + "/" + name);
        }
    }
}
