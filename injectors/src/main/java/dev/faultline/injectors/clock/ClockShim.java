package dev.faultline.injectors.clock;

import java.util.List;
import java.util.Map;

import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.ContainerSetup;

/**
 * The clock shim of the {@code faultline/clock} image (docker/images/clock) in a target container: where it lives,
 * how the container starts with it loaded (offset 0), and its reader, which sets the offset and reads the clock as
 * the container's processes see it. Everything sits in {@link #DIR} at the root of the container's own file system:
 * no bounded disk (a tmpfs) hides it, and root may write the offset file there while the container runs.
 */
final class ClockShim {
    static final String IMAGE = "faultline/clock:latest";
    static final String DIR = "/.faultline-clock";
    static final String LIBRARY = DIR + "/libfaultline-clock.so";
    static final String READER = DIR + "/faultline-clock";
    /** Where the shim reads the offset (signed nanoseconds); missing means 0. */
    static final String OFFSET_FILE = "offset";

    private ClockShim() {
    }

    /** The shim and its reader copied in, and preloaded into every process (after the service's own preloads). */
    static ContainerSetup setup(ServiceSpec service) {
        String preload = service == null ? null : service.env().get("LD_PRELOAD");
        String withShim = preload == null || preload.isBlank() ? LIBRARY : preload.strip() + " " + LIBRARY;
        return new ContainerSetup(Map.of("LD_PRELOAD", withShim), List.of(
                new ContainerSetup.ImageFile(IMAGE, "/opt/faultline-clock/libfaultline-clock.so", LIBRARY, 0755),
                new ContainerSetup.ImageFile(IMAGE, "/opt/faultline-clock/faultline-clock", READER, 0755)));
    }

    /** Makes {@code nanos} the offset in a running container (written aside, then renamed: never read half). */
    static void set(ContainerControl containers, String instance, long nanos) {
        if (!setIfInstalled(containers, instance, nanos)) {
            throw new IllegalStateException("cannot set the clock offset in " + instance + ": " + READER
                    + " is not there or cannot run: the service was not started with the clock-skew setup, or its"
                    + " image has no glibc");
        }
    }

    /**
     * {@link #set}, unless the reader is not in the container (it never started with the shim, so no clock there
     * can be off): then false.
     */
    static boolean setIfInstalled(ContainerControl containers, String instance, long nanos) {
        ContainerControl.ExecResult result = containers.run(instance, READER, "set", Long.toString(nanos));
        if (missing(result)) {
            return false;
        }
        if (!result.ok()) {
            throw new IllegalStateException("cannot set the clock offset in " + instance + " (exit "
                    + result.exitCode() + "): " + why(result));
        }
        return true;
    }

    /** Makes the offset 0 in a container that is not running (stopped or paused): copied in, nothing run there. */
    static void reset(ContainerControl containers, String instance) {
        containers.copyInto(instance, DIR, OFFSET_FILE, "0\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                0644);
    }

    /** CLOCK_REALTIME in nanoseconds as the container's processes see it. */
    static long now(ContainerControl containers, String instance) {
        ContainerControl.ExecResult result = containers.run(instance, READER, "now");
        String out = result.stdout().strip();
        if (!result.ok() || !out.matches("-?\\d{1,19}")) {
            throw new IllegalStateException("cannot read the clock of " + instance + " (exit " + result.exitCode()
                    + "): " + why(result));
        }
        return Long.parseLong(out);
    }

    /** The reader could not be run at all (not there, or not a program this container can load). */
    private static boolean missing(ContainerControl.ExecResult result) {
        return result.exitCode() == 126 || result.exitCode() == 127;
    }

    private static String why(ContainerControl.ExecResult result) {
        String text = (result.stderr() + " " + result.stdout()).strip();
        if (missing(result)) {
            return READER + " is not there or cannot run: the service was not started with the clock-skew setup, "
                    + "or its image has no glibc (" + text + ")";
        }
        return text.isEmpty() ? "no output" : text;
    }
}
