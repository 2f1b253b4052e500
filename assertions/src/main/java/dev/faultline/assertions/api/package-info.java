/**
 * The Java API's soft, fluent assertions on a run's result: {@link dev.faultline.assertions.api.FaultlineAssertions}
 * is the entry point, {@link dev.faultline.assertions.api.ResultAssert} the expectations on the whole run,
 * {@link dev.faultline.assertions.api.FaultAssert} and {@link dev.faultline.assertions.api.ProbeAssert} those on one
 * fault and on one probe during it. Failures are collected and thrown together by
 * {@link dev.faultline.assertions.api.ResultAssert#assertAll()}.
 */
package dev.faultline.assertions.api;
