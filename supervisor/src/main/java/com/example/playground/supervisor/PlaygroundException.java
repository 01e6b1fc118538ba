package com.example.playground.supervisor;

/** Something the user must hear about, with the exit code the CLI ends with. */
public class PlaygroundException extends RuntimeException {

    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final int exitCode;

    public PlaygroundException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
