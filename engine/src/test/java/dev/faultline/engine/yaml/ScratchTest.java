package dev.faultline.engine.yaml;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
    @TempDir Path dir;

    void show(String name, String yaml) {
        YamlFixture f = new YamlFixture(dir);
        Path p = f.scenario(name, yaml);
        try { TestPlugins.loader().load(p); System.out.println("OK " + name); }
        catch (InvalidScenarioException e) { System.out.println("== " + name + "\n" + e.getMessage().replace(dir.toString(), "D")); }
    }

    @Test
    void scratch() {
        show("a.yaml", """
            scenario: Bad Name
            topology: topologies/tiny.yaml
            seed: seven
            steady-state:
              sample-evry: 10
              probes:
                - name: p
                  http: { service: wrker, port: 70000, path: ready }
                  expect: { status: 900, within: 1 }
                - name: p
                  http: { service: "worker[2]", port: 80, path: /x }
            load:
              driver: jmeter
              rate: 20
              duration: 0s
              submit: { service: worker[random], port: 1, path: /a }
            faults:
              - name: k
                type: test-crush
                target: worker[5]
                at: 10
              - name: o
                type: test-outage
                target: broker
                at: 1s
                with: { mode: halt }
              - name: c
                type: test-crash
                target: broker
                at: 1s
                duration: 3s
                with:
              - name: n
                type: test-network
                target: worker->broker
                at: 1s
                with: { latency: 10, toxicity: 120%, bandwidth: lots, enabled: maybe, weight: x, limit: 5000 }
            objectives:
              recovry: { within: 1s }
              containment: { may-degrade: [nope] }
              recovery:
            halt-when:
              - { probe: api, failing-for: 1s }
            """);
        show("b.yaml", """
            scenario: x
            topology:
              services:
                a: { image: i, depends-on: [b] }
                b: { image: i, depends-on: [c] }
                c: { image: i, depends-on: [a, zz], replicas: two, role: db, restart: { policy: sometimes }, resources: {memory: 512, cpus: 0} }
                D_x:
                e: { image: i, ports: [1, 0, x], env: { A: 1, B: [1], C: }, health: {path: h} }
              links:
                - { from: a, to: q, port: 1 }
                - { from: a, to: a, port: 1 }
            """);
        show("c.yaml", """
            scenario: x
            scenario: y
            topology: topologies/nope.yaml
            """);
        show("d.yaml", """
            scenario: x
            topology: topologies/tiny.yaml
            faults:
              - name: a
                type: test-outage
                  target: x
            """);
        show("e.yaml", "");
        show("f.yaml", "- a\n- b\n");
        show("g.yaml", "scenario: [x\n");
        show("h.yaml", """
            scenario: h
            topology: topologies/bad.yaml
            """);
        new YamlFixture(dir).write("topologies/bad.yaml", "topology: bad\nservices:\n  a: { image: i, role: db }\n");
        show("h.yaml", """
            scenario: h
            topology: topologies/bad.yaml
            """);
    }
}
