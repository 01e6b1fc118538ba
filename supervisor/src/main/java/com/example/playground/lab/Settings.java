package com.example.playground.lab;

import com.example.playground.supervisor.Supervisor;
import java.util.Map;
import java.util.Set;

/** The labs' use of the externalized configuration (filled in when it lands). */
final class Settings {

    private Settings() {
    }

    /** The apps that have settings beyond their packaged defaults now. */
    static Set<String> changedApps(Supervisor supervisor) {
        return Set.of();
    }

    /** Every app's settings back to its packaged defaults, then these written; files only (the apps are stopped). */
    static void replaceAll(Supervisor supervisor, Map<String, Map<String, String>> settings) {
    }

    static void set(Supervisor supervisor, String app, Map<String, String> settings) {
        throw new UnsupportedOperationException("settings arrive with the externalized configuration");
    }

    static void reset(Supervisor supervisor, String app) {
    }
}
