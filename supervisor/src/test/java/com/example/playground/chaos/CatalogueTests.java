package com.example.playground.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Which three things a seed breaks: the same on every machine, spread over the kinds, never two that hide each other. */
class CatalogueTests {

    private static final List<Long> SEEDS = LongStream.rangeClosed(1, 1000).boxed().toList();

    @Test
    void aSeedBreaksTheSameThreeThingsEveryTime() {
        assertThat(Chaos.answersFor(42)).isEqualTo(Chaos.answersFor(42)).hasSize(3);
    }

    /**
     * Pinned: a seed means the same three on any laptop, so an instructor's seed works for every team.
     * If a change to the catalogue or the draw breaks this, every seed means something new: say so on
     * the game day's page, then pin the new values.
     */
    @Test
    void aSeedMeansTheSameOnAnyMachine() {
        assertThat(Chaos.answersFor(1)).containsExactly("kafka stopped", "switch inventory-service outbox-relay-paused",
                "switch order-service outbox-relay-paused");
        assertThat(Chaos.answersFor(3)).containsExactly("kill inventory-service",
                "switch payment-service outbox-relay-paused", "fault order-service orders.commands latency");
        assertThat(Chaos.answersFor(-7)).isEqualTo(Chaos.answersFor(-7)).isNotEqualTo(Chaos.answersFor(7));
    }

    @Test
    void differentSeedsSpreadOverEveryKind() {
        Map<Integer, Integer> perKind = new HashMap<>();
        for (long seed : SEEDS) {
            for (Breakage b : Catalogue.draw(seed)) {
                perKind.merge(kindOf(b), 1, Integer::sum);
            }
        }
        int all = SEEDS.size() * Catalogue.BREAKAGES;
        for (int kind = 0; kind < Catalogue.KINDS.size(); kind++) {
            assertThat(perKind.getOrDefault(kind, 0)).as("breakages of kind %d of %d", kind, all)
                    .isGreaterThan(all / 10);
        }
        assertThat(SEEDS.stream().map(seed -> Set.copyOf(Chaos.answersFor(seed))).distinct().count())
                .as("different games in 1000 seeds (605 today)").isGreaterThan(500);
    }

    @Test
    void everyVariantComesUpSomewhere() {
        List<Breakage> drawn = SEEDS.stream().flatMap(seed -> Catalogue.draw(seed).stream()).distinct().toList();

        assertThat(drawn).containsExactlyInAnyOrderElementsOf(Catalogue.KINDS.stream().flatMap(List::stream).toList());
    }

    @Test
    void threeDifferentProcessesAndAtMostOneOfThemDown() {
        for (long seed : SEEDS) {
            List<Breakage> three = Catalogue.draw(seed);
            assertThat(three).as("seed %d", seed).hasSize(3);
            assertThat(three.stream().map(Breakage::process).distinct()).as("seed %d", seed).hasSize(3);
            assertThat(three.stream().filter(Breakage::isOutage).count()).as("seed %d", seed).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void everyAnswerLineReadsAsItsOwnFindingAndNoOther() {
        List<Breakage> all = Catalogue.KINDS.stream().flatMap(List::stream).toList();

        assertThat(all.stream().map(b -> Answers.finding(b.answer(), Catalogue.processes())).distinct())
                .hasSameSizeAs(all);
        assertThat(all).allSatisfy(b -> assertThat(Answers.finding(b.answer(), Catalogue.processes()).toString())
                .isEqualTo(b.answer()));
    }

    private static int kindOf(Breakage b) {
        for (int kind = 0; kind < Catalogue.KINDS.size(); kind++) {
            if (Catalogue.KINDS.get(kind).contains(b)) {
                return kind;
            }
        }
        throw new IllegalStateException(b + " is in no kind");
    }
}
