package com.example.playground.support.faults;

import com.example.playground.support.web.ProblemException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /actuator/faults} on the management port (127.0.0.1, never routed by the gateway): the one
 * way to break this service and to heal it. {@code GET} lists what is broken, the targets, the
 * switches and the kinds of fault; {@code POST /actuator/faults/{name}} with
 * {@code {"latency": "100-300", "error-rate": 0.5}} breaks a target, and with {@code {"on": true}}
 * sets a switch; {@code DELETE} heals everything, {@code DELETE /actuator/faults/{name}} one thing.
 * {@code ./playground faults|break|switch|heal} and the control room call it.
 *
 * <p>A controller in the management context rather than an actuator endpoint: an endpoint's
 * operations take a fixed list of named string parameters, and the settings here are named by the
 * kinds of fault, declared once in {@link FaultKind}, so the body is passed through as it is.
 */
@RestController
@RequestMapping("${management.endpoints.web.base-path:/actuator}/faults")
class FaultsController {

    private final Faults faults;

    FaultsController(Faults faults) {
        this.faults = faults;
    }

    /** Everything in one answer; {@code broken} is what a user asks first. */
    record FaultsView(Map<String, String> broken, Map<String, TargetView> targets, Map<String, SwitchView> switches,
            Map<String, KindView> kinds) {
    }

    record TargetView(String where, @Nullable FaultView fault) {
    }

    record FaultView(Map<String, String> settings, String description) {

        static FaultView of(Fault fault) {
            return new FaultView(fault.settings(), fault.description());
        }
    }

    record SwitchView(String kind, boolean on, String effect) {

        static SwitchView of(Switch s, boolean on) {
            return new SwitchView(s.kind().label(), on, s.effect());
        }
    }

    record KindView(String value, String effect, Map<String, String> presets) {
    }

    @GetMapping
    FaultsView faults() {
        Map<String, Fault> active = faults.active();
        Map<String, String> broken = new LinkedHashMap<>();
        Map<String, TargetView> targets = new LinkedHashMap<>();
        faults.targets().forEach((target, where) -> {
            Fault fault = active.get(target);
            targets.put(target, new TargetView(where, fault == null ? null : FaultView.of(fault)));
            if (fault != null) {
                broken.put(target, fault.description());
            }
        });
        Map<String, SwitchView> switches = new LinkedHashMap<>();
        faults.switches().forEach((s, on) -> {
            switches.put(s.id(), SwitchView.of(s, on));
            if (on) {
                broken.put(s.id(), "on: " + s.effect());
            }
        });
        Map<String, KindView> kinds = new LinkedHashMap<>();
        for (FaultKind kind : FaultKind.values()) {
            kinds.put(kind.id(), new KindView(kind.value(), kind.effect(), kind.presets()));
        }
        return new FaultsView(broken, targets, switches, kinds);
    }

    /** Breaks a target, or sets a switch: the settings say how. */
    @PostMapping("/{name}")
    Object set(@PathVariable String name, @RequestBody(required = false) @Nullable Map<String, Object> settings) {
        try {
            var aSwitch = faults.switchNamed(name);
            if (aSwitch.isPresent()) {
                boolean on = switchedOn(name, settings);
                faults.set(aSwitch.get(), on);
                return SwitchView.of(aSwitch.get(), on);
            }
            if (Switch.byId(name).isPresent()) {
                throw new IllegalArgumentException("This service has no switch '" + name + "': "
                        + "only the part of a service that acts on it offers it");
            }
            Fault fault = Fault.of(name, settings);
            faults.set(fault);
            return FaultView.of(fault);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    @DeleteMapping
    FaultsView heal() {
        faults.healAll();
        return faults();
    }

    @DeleteMapping("/{name}")
    FaultsView healOne(@PathVariable String name) {
        if (faults.switchNamed(name).isEmpty() && !faults.targets().containsKey(name)) {
            throw invalid("Nothing is called '" + name + "'");
        }
        faults.heal(name);
        return faults();
    }

    private static boolean switchedOn(String name, @Nullable Map<String, Object> settings) {
        Object on = settings == null || !settings.keySet().equals(java.util.Set.of("on")) ? null : settings.get("on");
        return switch (String.valueOf(on)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("Switch '" + name
                    + "' takes {\"on\": true} or {\"on\": false}, not " + settings);
        };
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-fault", "Not a fault this service takes", detail);
    }
}
