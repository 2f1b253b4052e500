package dev.faultline.engine.yaml;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.spi.LoadDriver;
import dev.faultline.engine.spi.ObjectiveType;

/**
 * The fault types, objective types and load drivers a {@link ScenarioLoader} knows, by {@code type}, {@code key}
 * and {@code name}. Immutable: {@code with...} returns a new instance.
 */
public final class Plugins {
    private final Map<String, FaultType> faultTypes;
    private final Map<String, ObjectiveType> objectiveTypes;
    private final Map<String, LoadDriver> loadDrivers;

    private Plugins(Map<String, FaultType> faultTypes, Map<String, ObjectiveType> objectiveTypes,
                    Map<String, LoadDriver> loadDrivers) {
        this.faultTypes = java.util.Collections.unmodifiableMap(faultTypes);
        this.objectiveTypes = java.util.Collections.unmodifiableMap(objectiveTypes);
        this.loadDrivers = java.util.Collections.unmodifiableMap(loadDrivers);
    }

    /** No plugins: every fault type, objective and load driver is unknown. */
    public static Plugins none() {
        return new Plugins(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    }

    /**
     * These plugins.
     *
     * @throws IllegalArgumentException when two fault types share a {@code type} or two objective types a {@code key}
     */
    public static Plugins of(Collection<? extends FaultType> faultTypes, Collection<? extends ObjectiveType> objectiveTypes) {
        return of(faultTypes, objectiveTypes, List.of());
    }

    /**
     * These plugins, with load drivers.
     *
     * @throws IllegalArgumentException when two plugins of a kind share a name
     */
    public static Plugins of(Collection<? extends FaultType> faultTypes,
                             Collection<? extends ObjectiveType> objectiveTypes,
                             Collection<? extends LoadDriver> loadDrivers) {
        return new Plugins(index(faultTypes, FaultType::type, "fault types", "type"),
                index(objectiveTypes, ObjectiveType::key, "objective types", "key"),
                index(loadDrivers, LoadDriver::name, "load drivers", "name"));
    }

    /** Every fault type, objective type and load driver registered with {@link ServiceLoader} on the context loader. */
    public static Plugins discover() {
        return discover(Thread.currentThread().getContextClassLoader());
    }

    /** Every fault type, objective type and load driver registered with {@link ServiceLoader} on {@code loader}. */
    public static Plugins discover(ClassLoader loader) {
        List<FaultType> faults = ServiceLoader.load(FaultType.class, loader).stream().map(ServiceLoader.Provider::get).toList();
        List<ObjectiveType> objectives = ServiceLoader.load(ObjectiveType.class, loader).stream()
                .map(ServiceLoader.Provider::get).toList();
        List<LoadDriver> drivers = ServiceLoader.load(LoadDriver.class, loader).stream()
                .map(ServiceLoader.Provider::get).toList();
        return of(faults, objectives, drivers);
    }

    /** These plugins and {@code type}. */
    public Plugins withFaultType(FaultType type) {
        List<FaultType> all = new java.util.ArrayList<>(faultTypes.values());
        all.add(type);
        return of(all, objectiveTypes.values(), loadDrivers.values());
    }

    /** These plugins and {@code type}. */
    public Plugins withObjectiveType(ObjectiveType type) {
        List<ObjectiveType> all = new java.util.ArrayList<>(objectiveTypes.values());
        all.add(type);
        return of(faultTypes.values(), all, loadDrivers.values());
    }

    /** These plugins and {@code driver}. */
    public Plugins withLoadDriver(LoadDriver driver) {
        List<LoadDriver> all = new java.util.ArrayList<>(loadDrivers.values());
        all.add(driver);
        return of(faultTypes.values(), objectiveTypes.values(), all);
    }

    public Optional<FaultType> faultType(String type) {
        return Optional.ofNullable(faultTypes.get(type));
    }

    public Optional<ObjectiveType> objectiveType(String key) {
        return Optional.ofNullable(objectiveTypes.get(key));
    }

    public Optional<LoadDriver> loadDriver(String name) {
        return Optional.ofNullable(loadDrivers.get(name));
    }

    /** The known fault {@code type}s, sorted. */
    public Set<String> faultTypeNames() {
        return faultTypes.keySet();
    }

    /** The known objective keys, sorted. */
    public Set<String> objectiveKeys() {
        return objectiveTypes.keySet();
    }

    /** The known load driver names, sorted. */
    public Set<String> loadDriverNames() {
        return loadDrivers.keySet();
    }

    @Override
    public String toString() {
        return "Plugins[faults=" + faultTypes.keySet() + ", objectives=" + objectiveTypes.keySet()
                + ", load drivers=" + loadDrivers.keySet() + "]";
    }

    private static <T> Map<String, T> index(Collection<? extends T> plugins, Function<T, String> name, String what,
                                            String field) {
        Map<String, T> byName = new TreeMap<>();
        for (T plugin : plugins) {
            String key = name.apply(plugin);
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException(what + " need a " + field + ", but " + plugin.getClass().getName()
                        + " has " + (key == null ? "null" : "'" + key + "'"));
            }
            T previous = byName.putIfAbsent(key, plugin);
            if (previous != null) {
                throw new IllegalArgumentException("two " + what + " have the " + field + " '" + key + "': "
                        + previous.getClass().getName() + " and " + plugin.getClass().getName());
            }
        }
        return byName;
    }
}
