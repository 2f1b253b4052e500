package dev.faultline.junit;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;

import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * A {@link FaultlineScenarios} class: its files, loaded and checked once at discovery, and either the scenarios or
 * why they did not load (then the class fails when it runs, and has no scenario under it).
 */
final class ScenarioClassDescriptor extends AbstractTestDescriptor {
    static final String SEGMENT = "class";

    private final FaultlineScenarios settings;
    private final List<Scenario> scenarios;
    private final RuntimeException loadFailure;

    private ScenarioClassDescriptor(UniqueId id, Class<?> type, FaultlineScenarios settings, List<Scenario> scenarios,
                                    RuntimeException loadFailure) {
        super(id, type.getSimpleName(), ClassSource.from(type));
        this.settings = settings;
        this.scenarios = scenarios;
        this.loadFailure = loadFailure;
    }

    /** The class under {@code parent}, with every scenario file it names loaded. */
    static ScenarioClassDescriptor load(UniqueId parent, Class<?> type) {
        FaultlineScenarios settings = type.getAnnotation(FaultlineScenarios.class);
        UniqueId id = parent.append(SEGMENT, type.getName());
        List<Path> paths = Arrays.stream(settings.value()).map(Path::of).toList();
        try {
            return new ScenarioClassDescriptor(id, type, settings, ScenarioLoader.standard().loadAll(paths), null);
        } catch (InvalidScenarioException e) {
            return new ScenarioClassDescriptor(id, type, settings, List.of(), e);
        } catch (RuntimeException e) { // a path the file system refuses, ...
            return new ScenarioClassDescriptor(id, type, settings, List.of(), new IllegalStateException(
                    "cannot load the scenarios of " + type.getName() + ": " + e, e));
        }
    }

    FaultlineScenarios settings() {
        return settings;
    }

    List<Scenario> scenarios() {
        return scenarios;
    }

    /** Why the files did not load: the loader's problems, one per line. */
    Optional<RuntimeException> loadFailure() {
        return Optional.ofNullable(loadFailure);
    }

    /** A class whose files did not load has no scenario under it, yet must stay in the tree to fail. */
    @Override
    public boolean mayRegisterTests() {
        return loadFailure != null;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
