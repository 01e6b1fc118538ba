package com.example.playground.support.faults;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/faults} on the management port (127.0.0.1, never routed by the gateway):
 * {@code GET} lists the targets and the faults set on them; {@code POST /actuator/faults/{target}}
 * with {@code {"latency": "100-300", "errorRate": 0.5, "hang": false}} breaks one;
 * {@code DELETE} heals them all. {@code ./playground break|heal|faults} call it.
 */
@Endpoint(id = "faults")
public class FaultsEndpoint {

    private final Faults faults;

    public FaultsEndpoint(Faults faults) {
        this.faults = faults;
    }

    public record FaultsView(Map<String, String> targets, Map<String, Fault> active) {
    }

    @ReadOperation
    public FaultsView faults() {
        return new FaultsView(faults.targets(), faults.active());
    }

    @WriteOperation
    public Fault breakTarget(@Selector String target, @Nullable String latency, @Nullable Double errorRate,
            @Nullable Boolean hang) {
        try {
            long[] range = Fault.latency(latency);
            Fault fault = new Fault(target, range[0], range[1], errorRate == null ? 0 : errorRate,
                    Boolean.TRUE.equals(hang));
            faults.set(fault);
            return fault;
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException(e.getMessage(), e.getMessage());
        }
    }

    @DeleteOperation
    public FaultsView heal() {
        faults.healAll();
        return faults();
    }
}
