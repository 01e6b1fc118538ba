package com.example.playground.support.faults;

/** A failure that a fault switch caused on purpose, so logs and problems say it was not a real bug. */
public class InjectedFaultException extends RuntimeException {

    public InjectedFaultException(String message) {
        super(message);
    }
}
