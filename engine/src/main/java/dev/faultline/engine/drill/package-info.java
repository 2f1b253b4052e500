/**
 * Game-day drills: a drill file ({@code drills/*.yaml}) names a suite of scenarios, when it runs ({@link Schedule}),
 * what halts it as a whole ({@link DrillHalt}), who is told ({@code notify}) and how much its recovery figures may
 * grow over earlier drills ({@link Regression}). Everything here is immutable and checked when built; the drill
 * reader ({@code dev.faultline.engine.yaml.DrillReader}) turns YAML into it with {@code file:line:col} errors.
 */
package dev.faultline.engine.drill;
