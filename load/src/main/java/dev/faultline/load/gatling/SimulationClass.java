package dev.faultline.load.gatling;

import java.lang.reflect.Modifier;

import io.gatling.javaapi.core.Simulation;

/** Whether a class name is a simulation Gatling can run: on the classpath, a Simulation, with a public constructor. */
final class SimulationClass {
    private SimulationClass() {
    }

    /** What is wrong with {@code name} as a simulation, or null when nothing is. Never initializes the class. */
    static String problem(String name, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(name, false, loader == null ? SimulationClass.class.getClassLoader() : loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return "expected a class on the classpath but was '" + name + "', which is not on it (add it with "
                    + "FAULTLINE_CLASSPATH, or to the test classpath)";
        }
        if (!Simulation.class.isAssignableFrom(type)) {
            return "expected a class extending " + Simulation.class.getName() + " but was '" + name + "', which does "
                    + "not";
        }
        if (Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
            return "expected a public, concrete simulation class but was '" + name + "'";
        }
        try {
            if (!Modifier.isPublic(type.getConstructor().getModifiers())) {
                return "expected a public constructor without arguments in '" + name + "'";
            }
        } catch (NoSuchMethodException e) {
            return "expected a public constructor without arguments in '" + name + "'";
        }
        return null;
    }
}
