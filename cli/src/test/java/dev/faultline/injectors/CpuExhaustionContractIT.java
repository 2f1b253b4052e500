package dev.faultline.injectors;

/** {@code resource-exhaustion} of cpu passes the fault contract against real containers. */
class CpuExhaustionContractIT extends ResourceContract {
    @Override
    protected String with() {
        return "{resource: cpu, level: 100%}";
    }
}
