package dev.faultline.engine.run;

import org.testcontainers.DockerClientFactory;

import dev.faultline.engine.model.Topology;
import dev.faultline.engine.runtime.Reaper;
import dev.faultline.engine.runtime.RunningTopology;
import dev.faultline.engine.runtime.TopologyRuntime;
import dev.faultline.engine.spi.LoadDriver;
import dev.faultline.engine.yaml.Plugins;

/** What a {@link Runner} takes from the world outside the run: containers, leftovers to reap, load drivers. */
public interface RunEnvironment {
    /** Removes what runs whose harness died left behind; returns how many containers it removed. */
    int reapDeadRuns();

    /** A new, not yet started topology for one run. No side effects until {@link RunningTopology#start}. */
    RunningTopology topology(Topology topology, String runId, long seed);

    /** The load driver named {@code name} (checked when the scenario was loaded). */
    LoadDriver loadDriver(String name);

    /** Docker through Testcontainers, and the load drivers the loader knows ({@link Plugins#discover()}). */
    static RunEnvironment docker() {
        return new RunEnvironment() {
            @Override
            public int reapDeadRuns() {
                return new Reaper(DockerClientFactory.instance().client()).reapDeadRuns();
            }

            @Override
            public RunningTopology topology(Topology topology, String runId, long seed) {
                return new TopologyRuntime(topology, runId, seed);
            }

            @Override
            public LoadDriver loadDriver(String name) {
                return Plugins.discover().loadDriver(name)
                        .orElseThrow(() -> new IllegalStateException("no load driver '" + name + "' on the classpath"));
            }
        };
    }
}
