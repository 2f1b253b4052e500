package dev.faultline.engine.runtime;

import java.lang.reflect.Proxy;

/** A stand-in for one docker-java command: its setters answer the command itself, its {@code exec()} an answer. */
final class FakeDockerCommand {
    /** What a command's {@code exec()} answers, or throws; it may wait, as an engine that does not answer. */
    @FunctionalInterface
    interface Answer {
        Object get() throws InterruptedException;
    }

    private FakeDockerCommand() {
    }

    /** A command of interface {@code type} (as a {@code DockerClient} method declares it) answering {@code answer}. */
    static Object of(Class<?> type, Answer answer) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> switch (method.getName()) {
                    case "exec" -> answer.get();
                    case "close" -> null;
                    default -> method.getReturnType().isInstance(self) ? self
                            : method.getReturnType() == boolean.class ? false : null;
                });
    }
}
