package com.example.playground.support.observation;

import brave.sampler.Sampler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.micrometer.tracing.autoconfigure.TracingProperties;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Brave's decision for a new trace, by {@code management.tracing.sampling.probability} as it is
 * now, not as it was at start. Boot builds its sampler once from the value at start, so lowering
 * sampling for a benchmark would need a restart; this one builds Brave's own sampler again when a
 * refresh ({@code ./playground config set}, then {@code /actuator/refresh}) changes the value.
 *
 * <p>It decides only at the root of a trace: Brave asks no sampler for a span whose parent, or
 * whose incoming {@code traceparent} or {@code b3} header, already carries the decision. So a
 * request through the gateway follows the gateway's decision in every service, across HTTP, Kafka
 * and the outbox; this one decides for what starts in the service itself.
 *
 * <p>A value Brave cannot use fails the refresh (the supervisor then puts the previous settings
 * back) instead of failing every request afterwards, and the decision in force stays as it was.
 */
final class RefreshableSampler extends Sampler implements ApplicationListener<EnvironmentChangeEvent> {

    static final String PROBABILITY = "management.tracing.sampling.probability";

    private static final Logger log = LoggerFactory.getLogger(RefreshableSampler.class);
    /** Boot's own default, for an app whose settings do not name a probability. */
    private static final float BOOT_DEFAULT = new TracingProperties().getSampling().getProbability();

    /** A probability and the Brave sampler built for it: swapped together, read together. */
    private record Decision(float probability, Sampler sampler) {
    }

    private final Environment environment;
    private volatile Decision decision;

    RefreshableSampler(Environment environment) {
        this.environment = environment;
        this.decision = decisionFor(probabilityInForce());
    }

    @Override
    public boolean isSampled(long traceId) {
        return decision.sampler().isSampled(traceId);
    }

    /** The probability new traces are sampled with now. */
    float probability() {
        return decision.probability();
    }

    /** Any refresh: the key may be spelt in another of its relaxed forms, so the value is read again every time. */
    @Override
    public void onApplicationEvent(EnvironmentChangeEvent event) {
        float probability = probabilityInForce();
        if (probability != decision.probability()) {
            float before = decision.probability();
            decision = decisionFor(probability);
            log.info("New traces are sampled with probability {} ({}), was {}", probability, PROBABILITY, before);
        }
    }

    private float probabilityInForce() {
        return Binder.get(environment).bind(PROBABILITY, Float.class).orElse(BOOT_DEFAULT);
    }

    /**
     * Brave's counting sampler takes 0.01 to 1 (exactly that share of every hundred new traces); 0
     * and 1 are its never and always. Anything else (below 0.01, above 1, not a number) is refused here,
     * with the setting's name, rather than by Brave at the first request.
     */
    private static Decision decisionFor(float probability) {
        if (!(probability == 0f || (probability >= 0.01f && probability <= 1f))) {
            throw new IllegalArgumentException("%s must be 0, or from 0.01 to 1: was %s".formatted(PROBABILITY, probability));
        }
        return new Decision(probability, Sampler.create(probability));
    }
}
