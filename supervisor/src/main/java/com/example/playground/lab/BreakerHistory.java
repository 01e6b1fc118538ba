package com.example.playground.lab;

import com.example.playground.supervisor.Json;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Resilience4j circuit breaker and the retry around it went through, from a service's
 * actuator ({@code /actuator/circuitbreakerevents/NAME} and {@code /actuator/retryevents/NAME}):
 * its state changes in order, and how many orders it took to open it. Each process keeps its own
 * recent events (a bounded buffer of each kind), so after a lab start, which restarts the services,
 * they hold nothing older than the lab.
 */
record BreakerHistory(List<Event> breaker, List<Event> retry) {

    /** One event: when, its type ({@code ERROR}, {@code SUCCESS}, {@code STATE_TRANSITION}...), and a state change as {@code FROM>TO}. */
    record Event(Instant at, String type, String change) {
    }

    /** The way round an attendee watches: it opens, half-opens after its wait, and closes on good trial calls. */
    static final List<String> ROUND = List.of("CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>CLOSED");

    private static final Pattern CHANGE = Pattern.compile("from (\\w+) to (\\w+)");

    static BreakerHistory parse(String breakerEvents, String retryEvents) {
        return new BreakerHistory(events(breakerEvents, "circuitBreakerEvents"), events(retryEvents, "retryEvents"));
    }

    /** The state changes, in order ({@code CLOSED>OPEN}, ...). */
    List<String> changes() {
        return breaker.stream().map(Event::change).filter(change -> change != null).toList();
    }

    /** The states it went through, in order ({@code CLOSED, OPEN, HALF_OPEN, CLOSED}); empty if it never changed. */
    List<String> path() {
        List<String> changes = changes();
        if (changes.isEmpty()) {
            return List.of();
        }
        List<String> states = new ArrayList<>();
        states.add(changes.get(0).split(">")[0]);
        changes.forEach(change -> states.add(change.split(">")[1]));
        return states;
    }

    /**
     * How far it went round {@link #ROUND}, in order (other changes may come between, e.g. a trial
     * call failed and it opened again): 0 if it never opened, 3 if it came all the way back.
     */
    int stepsRound() {
        int done = 0;
        for (String change : changes()) {
            if (done < ROUND.size() && change.equals(ROUND.get(done))) {
                done++;
            }
        }
        return done;
    }

    /**
     * How many orders it took to open the breaker, counted as an attendee does: the orders that
     * failed since the last call that went well, up to the first one that ended after the breaker
     * opened (which says "its circuit breaker is open"). One order is one call of the retry, so each
     * ends in one retry event: {@code ERROR} (every attempt failed) or {@code IGNORED_ERROR} (an
     * attempt was refused by the open breaker, which the retry does not retry). Empty if it never
     * opened or no order ended after it did.
     */
    OptionalInt ordersUntilOpen() {
        Optional<Instant> opened = breaker.stream().filter(e -> "CLOSED>OPEN".equals(e.change())).map(Event::at)
                .findFirst();
        if (opened.isEmpty()) {
            return OptionalInt.empty();
        }
        Instant lastGood = breaker.stream().filter(e -> "SUCCESS".equals(e.type()) && e.at().isBefore(opened.get()))
                .map(Event::at).reduce((first, second) -> second).orElse(Instant.MIN);
        int orders = 0;
        for (Event e : retry) {
            if (e.at().isAfter(lastGood) && (e.type().equals("ERROR") || e.type().equals("IGNORED_ERROR"))) {
                orders++;
                if (!e.at().isBefore(opened.get())) {
                    return OptionalInt.of(orders);
                }
            }
        }
        return OptionalInt.empty();
    }

    private static List<Event> events(String body, String key) {
        return Json.listAt(Json.object(body), key).stream()
                .map(e -> new Event(time(Json.text(e, "creationTime")), String.valueOf(Json.text(e, "type")),
                        change(Json.text(e, "stateTransition"))))
                .sorted(Comparator.comparing(Event::at))
                .toList();
    }

    /** Resilience4j writes a ZonedDateTime with its zone: {@code 2026-12-01T13:52:47.352736110Z[Etc/UTC]}. */
    private static Instant time(String text) {
        try {
            return ZonedDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            return Instant.MIN;
        }
    }

    /** {@code State transition from CLOSED to OPEN} → {@code CLOSED>OPEN}. */
    private static String change(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = CHANGE.matcher(text);
        return m.find() ? m.group(1) + ">" + m.group(2) : null;
    }
}
