package dev.faultline.injectors;

/** {@code resource-exhaustion} of memory passes the fault contract against real containers. */
class MemoryExhaustionContractIT extends ResourceContract {
    @Override
    protected String with() {
        return "{resource: memory, level: 80%}";
    }
}
