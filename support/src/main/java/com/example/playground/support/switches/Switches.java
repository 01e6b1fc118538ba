package com.example.playground.support.switches;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which switches are on in this process. Nothing is remembered across a restart: a service starts safe. */
public class Switches {

    private static final Logger log = LoggerFactory.getLogger(Switches.class);

    private final Map<Switch, Boolean> on = new ConcurrentHashMap<>();

    public boolean isOn(Switch s) {
        return on.getOrDefault(s, false);
    }

    public void set(Switch s, boolean enabled) {
        on.put(s, enabled);
        if (enabled) {
            log.warn("Switch {} ({}) is ON: {}", s.id(), s.kind(), s.effect());
        } else {
            log.info("Switch {} is off", s.id());
        }
    }

    public Map<Switch, Boolean> all() {
        Map<Switch, Boolean> all = new EnumMap<>(Switch.class);
        for (Switch s : Switch.values()) {
            all.put(s, isOn(s));
        }
        return all;
    }
}
