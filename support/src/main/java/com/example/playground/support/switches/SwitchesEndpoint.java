package com.example.playground.support.switches;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/switches} on the management port (127.0.0.1, never routed by the gateway):
 * {@code GET} lists the switches, {@code POST /actuator/switches/{id}} with {@code {"enabled": true}}
 * sets one. {@code ./playground switch <service> <id> on|off} calls it.
 */
@Endpoint(id = "switches")
public class SwitchesEndpoint {

    private final Switches switches;

    public SwitchesEndpoint(Switches switches) {
        this.switches = switches;
    }

    public record SwitchState(String kind, boolean enabled, String effect) {
    }

    @ReadOperation
    public Map<String, SwitchState> switches() {
        Map<String, SwitchState> states = new LinkedHashMap<>();
        switches.all().forEach((s, enabled) -> states.put(s.id(), new SwitchState(s.kind(), enabled, s.effect())));
        return states;
    }

    @WriteOperation
    public SwitchState set(@Selector String id, boolean enabled) {
        Switch s;
        try {
            s = Switch.byId(id);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() + "; known: " + String.join(", ", switches().keySet());
            throw new InvalidEndpointRequestException(message, message);
        }
        switches.set(s, enabled);
        return new SwitchState(s.kind(), enabled, s.effect());
    }
}
