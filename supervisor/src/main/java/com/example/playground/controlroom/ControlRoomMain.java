package com.example.playground.controlroom;

import com.example.playground.supervisor.RememberedSettings;
import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.StateFolder;
import com.example.playground.supervisor.Supervisor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The control room's own process, started by {@code ./playground up} next to the stack (so it runs
 * while the terminal does other things, and stops with {@code ./playground down}).
 */
public final class ControlRoomMain {

    private ControlRoomMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        List<String> arguments = List.of(args);
        Path home = Path.of(System.getProperty("playground.home", ".")).toAbsolutePath().normalize();
        Path state = Path.of(value(arguments, "--state", home.resolve(".playground").toString()));
        int offset = Integer.parseInt(value(arguments, "--port-offset", "0"));
        Activity activity = new Activity();
        ControlRoom room = new ControlRoom(following(home, state, offset, activity), activity);
        room.start();
        System.out.println("Control room on http://127.0.0.1:" + Stack.withPortOffset(offset).controlRoomPort() + "/");
        Thread.currentThread().join();
    }

    /**
     * The supervisor of the stack with the instance counts it runs now, as remembered by the last
     * {@code up} ({@code up --instances} may scale it while the control room runs), so every
     * instance shows and can be killed. A new one is made only when the counts change.
     */
    static Supplier<Supervisor> following(Path home, Path state, int offset, Activity activity) {
        RememberedSettings remembered = new RememberedSettings(new StateFolder(home, state));
        return new Supplier<>() {
            private Map<String, Integer> counts;
            private Supervisor supervisor;

            @Override
            public synchronized Supervisor get() {
                Map<String, Integer> now = remembered.instances();
                if (!now.equals(counts)) {
                    counts = now;
                    supervisor = new Supervisor(home, state, Stack.withPortOffset(offset).withInstances(now),
                            activity.printStream()).withPostgres(remembered.postgres()).withJvm(remembered.jvm());
                }
                return supervisor;
            }
        };
    }

    private static String value(List<String> arguments, String name, String otherwise) {
        int at = arguments.indexOf(name);
        return at >= 0 && at + 1 < arguments.size() ? arguments.get(at + 1) : otherwise;
    }
}
