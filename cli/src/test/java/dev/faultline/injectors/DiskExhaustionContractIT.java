package dev.faultline.injectors;

/** {@code resource-exhaustion} of disk passes the fault contract against real containers. */
class DiskExhaustionContractIT extends ResourceContract {
    @Override
    protected String with() {
        return "{resource: disk, level: 100%}";
    }

    @Override
    protected String[] watchedPaths() {
        return new String[] {"/var/lib/faultline-disk"};
    }
}
