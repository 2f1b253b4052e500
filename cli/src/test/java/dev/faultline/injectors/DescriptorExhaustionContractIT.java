package dev.faultline.injectors;

/** {@code resource-exhaustion} of file-descriptors passes the fault contract against real containers. */
class DescriptorExhaustionContractIT extends ResourceContract {
    @Override
    protected String with() {
        return "{resource: file-descriptors, level: 100%}";
    }
}
