package com.example.playground.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.playground.supervisor.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A breaker's and its retry's events as order-service's actuator lists them, read as an attendee
 * would: the way round it went, and how many orders it took to open it. The timelines are those
 * of real runs: an order is one retry call of up to three attempts.
 */
class BreakerHistoryTests {

    /** 2026-12-01T13:52:SS.mmm as Resilience4j writes it. */
    static String at(String secondsAndMillis) {
        return "2026-12-01T13:52:" + secondsAndMillis + "000000Z[Etc/UTC]";
    }

    static Map<String, Object> breaker(String time, String type) {
        Map<String, Object> event = new HashMap<>(Map.of("circuitBreakerName", "inventory-service",
                "creationTime", at(time), "type", type));
        event.put("stateTransition", null);
        return event;
    }

    static Map<String, Object> change(String time, String from, String to) {
        Map<String, Object> event = breaker(time, "STATE_TRANSITION");
        event.put("stateTransition", "State transition from " + from + " to " + to);
        return event;
    }

    static Map<String, Object> retry(String time, String type) {
        return Map.of("retryName", "inventory-service", "creationTime", at(time), "type", type);
    }

    static BreakerHistory history(List<Object> breaker, List<Object> retry) {
        return BreakerHistory.parse(Json.write(Map.of("circuitBreakerEvents", breaker)),
                Json.write(Map.of("retryEvents", retry)));
    }

    /** Broken with --error-rate 1 on a fresh breaker: order 1 fails 3 times, order 2's second failure opens it. */
    static final List<Object> OPENED_BY_ORDER_TWO = List.of(
            breaker("45.689", "ERROR"), breaker("45.759", "ERROR"), breaker("45.976", "ERROR"),
            breaker("47.250", "ERROR"), breaker("47.348", "ERROR"), breaker("47.349", "FAILURE_RATE_EXCEEDED"),
            change("47.352", "CLOSED", "OPEN"), breaker("47.551", "NOT_PERMITTED"));
    static final List<Object> RETRIES_OF_ORDERS_ONE_TO_THREE = List.of(
            retry("45.694", "RETRY"), retry("45.760", "RETRY"), retry("45.981", "ERROR"),
            retry("47.251", "RETRY"), retry("47.352", "RETRY"), retry("47.551", "IGNORED_ERROR"),
            retry("48.232", "IGNORED_ERROR"));

    @Test
    void aFreshBreakerOpensInTheSecondOrder() {
        BreakerHistory history = history(OPENED_BY_ORDER_TWO, RETRIES_OF_ORDERS_ONE_TO_THREE);

        assertThat(history.ordersUntilOpen()).hasValue(2);
        assertThat(history.path()).containsExactly("CLOSED", "OPEN");
        assertThat(history.stepsRound()).isEqualTo(1);
    }

    @Test
    void goodCallsJustBeforeMeanOneOrderCanOpenItOnItsLastAttempt() {
        // Two good orders, then one whose three failures make 3 of 5: its own last attempt opens the breaker.
        BreakerHistory history = history(List.of(
                breaker("40.000", "SUCCESS"), breaker("41.000", "SUCCESS"),
                breaker("45.100", "ERROR"), breaker("45.200", "ERROR"), breaker("45.400", "ERROR"),
                change("45.401", "CLOSED", "OPEN")),
                List.of(retry("45.101", "RETRY"), retry("45.201", "RETRY"), retry("45.402", "ERROR")));

        assertThat(history.ordersUntilOpen()).hasValue(1);
    }

    @Test
    void ordersThatFailedBeforeTheLastGoodCallAreNotCounted() {
        // Broken, one order, healed and a good order, broken again: the count starts after the good call.
        BreakerHistory history = history(List.of(
                breaker("10.100", "ERROR"), breaker("10.200", "ERROR"), breaker("10.400", "ERROR"),
                breaker("30.000", "SUCCESS"),
                breaker("45.100", "ERROR"), breaker("45.200", "ERROR"), breaker("45.400", "ERROR"),
                breaker("46.100", "ERROR"), breaker("46.200", "ERROR"), change("46.201", "CLOSED", "OPEN")),
                List.of(retry("10.101", "RETRY"), retry("10.201", "RETRY"), retry("10.401", "ERROR"),
                        retry("45.101", "RETRY"), retry("45.201", "RETRY"), retry("45.401", "ERROR"),
                        retry("46.101", "RETRY"), retry("46.202", "RETRY"), retry("46.400", "IGNORED_ERROR")));

        assertThat(history.ordersUntilOpen()).hasValue(2);
    }

    @Test
    void allTheWayRoundEvenWithAFailedTrialBetween() {
        List<Object> events = new ArrayList<>(OPENED_BY_ORDER_TWO);
        events.add(change("52.353", "OPEN", "HALF_OPEN"));
        events.add(change("53.000", "HALF_OPEN", "OPEN"));
        events.add(change("58.000", "OPEN", "HALF_OPEN"));
        events.add(change("59.706", "HALF_OPEN", "CLOSED"));

        BreakerHistory history = history(events, RETRIES_OF_ORDERS_ONE_TO_THREE);

        assertThat(history.stepsRound()).isEqualTo(3);
        assertThat(history.path()).containsExactly("CLOSED", "OPEN", "HALF_OPEN", "OPEN", "HALF_OPEN", "CLOSED");
        assertThat(history.ordersUntilOpen()).hasValue(2);
    }

    @Test
    void closedAgainWithoutEverHalfOpeningIsNotTheWayRound() {
        BreakerHistory history = history(List.of(change("01.000", "CLOSED", "OPEN"), change("02.000", "OPEN", "CLOSED")),
                List.of());

        assertThat(history.stepsRound()).isEqualTo(1);
    }

    @Test
    void aBreakerThatNeverOpenedTookNoNumberOfOrders() {
        BreakerHistory history = history(List.of(breaker("01.000", "SUCCESS")), List.of());

        assertThat(history.ordersUntilOpen()).isEmpty();
        assertThat(history.stepsRound()).isZero();
        assertThat(history.path()).isEmpty();
        assertThat(BreakerHistory.parse("", "").changes()).isEmpty();
    }

    @Test
    void eventsAreReadInTheOrderTheyHappenedWhateverOrderTheyAreListedIn() {
        List<Object> shuffled = new ArrayList<>(OPENED_BY_ORDER_TWO);
        Collections.reverse(shuffled);
        List<Object> retries = new ArrayList<>(RETRIES_OF_ORDERS_ONE_TO_THREE);
        Collections.reverse(retries);

        assertThat(history(shuffled, retries).ordersUntilOpen()).hasValue(2);
    }
}
