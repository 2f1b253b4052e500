package com.example.chaos;

import dev.faultline.junit.FaultlineScenarios;

/**
 * Every scenario file in src/test/chaos is a test: one container per scenario, with its verdict and each objective
 * check as tests under it, and its result.json and report.html attached.
 */
@FaultlineScenarios("src/test/chaos")
class DeskChaosIT {
}
