package com.example.playground.controlroom;

import com.example.playground.supervisor.RememberedSettings;
import com.example.playground.supervisor.Stack;
import com.example.playground.supervisor.StateFolder;
import com.example.playground.supervisor.Supervisor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
        // The instances the stack was started with (up --instances), so every instance shows.
        RememberedSettings remembered = new RememberedSettings(new StateFolder(home, state));
        Stack stack = Stack.withPortOffset(offset).withInstances(remembered.instances());
        Activity activity = new Activity();
        Supervisor supervisor = new Supervisor(home, state, stack, activity.printStream())
                .withPostgres(remembered.postgres());
        ControlRoom room = new ControlRoom(supervisor, activity);
        room.start();
        System.out.println("Control room on http://127.0.0.1:" + stack.controlRoomPort() + "/");
        Thread.currentThread().join();
    }

    private static String value(List<String> arguments, String name, String otherwise) {
        int at = arguments.indexOf(name);
        return at >= 0 && at + 1 < arguments.size() ? arguments.get(at + 1) : otherwise;
    }
}
