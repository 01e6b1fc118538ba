package com.example.playground.gateway.bff;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Each front end's own limits ({@code playground.gateway.bff.*}). The time limits are in
 * milliseconds because the routes' {@code response-timeout} metadata in application.yml reads the
 * same keys, and takes a number: one setting, one place.
 *
 * @param mobile the phone app's: a short wait, then the last known answer
 * @param web    the browser's: the whole composed order, worth a longer wait
 */
@ConfigurationProperties("playground.gateway.bff")
record BffProperties(Mobile mobile, Web web) {

    /**
     * @param timeLimitMs how long order-service may take, in milliseconds
     * @param keptFor     how long the last answer for an order is kept for the fallback
     */
    record Mobile(long timeLimitMs, Duration keptFor) {
    }

    /** @param timeLimitMs how long order-service's composition may take, in milliseconds */
    record Web(long timeLimitMs) {
    }
}
