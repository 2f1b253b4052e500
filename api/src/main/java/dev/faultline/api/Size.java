package dev.faultline.api;

/**
 * A size in bytes as a scenario writes it ({@code 64KB}, {@code 1MB}; a kilobyte is 1024 bytes, as in the format).
 * Whether it fits the field is checked when the scenario is built, with the message a scenario file gets.
 *
 * <pre>{@code
 * Faults.network().bandwidth(Size.kb(64)).on("worker->rabbitmq")
 * }</pre>
 *
 * @param bytes the size in bytes
 */
public record Size(long bytes) {
    private static final long K = 1024;

    public static Size bytes(long bytes) {
        return new Size(bytes);
    }

    /** {@code n} × 1024 bytes. */
    public static Size kb(long n) {
        return new Size(Math.multiplyExact(n, K));
    }

    /** {@code n} × 1024² bytes. */
    public static Size mb(long n) {
        return new Size(Math.multiplyExact(n, K * K));
    }

    /** {@code n} × 1024³ bytes. */
    public static Size gb(long n) {
        return new Size(Math.multiplyExact(n, K * K * K));
    }

    /** As the scenario format writes it, in the largest whole unit: {@code 64KB}, {@code 1500B}. */
    public String text() {
        if (bytes != 0 && bytes % (K * K * K) == 0) {
            return bytes / (K * K * K) + "GB";
        }
        if (bytes != 0 && bytes % (K * K) == 0) {
            return bytes / (K * K) + "MB";
        }
        if (bytes != 0 && bytes % K == 0) {
            return bytes / K + "KB";
        }
        return bytes + "B";
    }

    @Override
    public String toString() {
        return text();
    }
}
