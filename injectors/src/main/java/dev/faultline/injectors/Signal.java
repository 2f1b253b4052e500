package dev.faultline.injectors;

/** Signals a crash can send to an agent's process. */
public enum Signal {
    KILL, TERM
}
