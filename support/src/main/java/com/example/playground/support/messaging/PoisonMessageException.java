package com.example.playground.support.messaging;

/**
 * A message that can never be handled, however often it is retried: no type header, a type we do
 * not know, or a payload that does not parse. It goes straight to the dead-letter topic.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
