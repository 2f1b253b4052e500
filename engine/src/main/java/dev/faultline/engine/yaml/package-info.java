/**
 * Reading scenario and topology YAML into the typed model: {@link dev.faultline.engine.yaml.ScenarioLoader} (with
 * the {@link dev.faultline.engine.yaml.Plugins} it knows), {@link dev.faultline.engine.yaml.YamlParams} (the
 * {@link dev.faultline.engine.spi.Params} plugins read their sections through), and
 * {@link dev.faultline.engine.yaml.InvalidScenarioException} holding located
 * {@link dev.faultline.engine.yaml.Problem}s.
 */
package dev.faultline.engine.yaml;
