package com.example.playground.chaos;

import com.example.playground.supervisor.Supervisor;
import java.time.Duration;
import java.util.List;

/** The Kafka broker stopped, as {@code ./playground kafka stop} stops it: an outage; its data stays. */
record StoppedBroker() implements Breakage {

    static final List<Breakage> ALL = List.of(new StoppedBroker());

    @Override
    public String process() {
        return "kafka";
    }

    @Override
    public boolean isOutage() {
        return true;
    }

    @Override
    public String answer() {
        return "kafka stopped";
    }

    @Override
    public void apply(Supervisor quiet) {
        quiet.stop("kafka");
    }

    @Override
    public boolean isHealedIn(Now now) {
        return now.running("kafka");
    }

    @Override
    public void heal(Supervisor supervisor, Duration timeout) {
        supervisor.start("kafka", timeout);
    }
}
