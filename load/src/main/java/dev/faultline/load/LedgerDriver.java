package dev.faultline.load;

import dev.faultline.engine.model.LoadSpec;
import dev.faultline.engine.spi.LoadDriver;

/**
 * The built-in {@code ledger} driver: POSTs one JSON work item per tick at {@code load.rate} for
 * {@code load.duration} to {@code load.submit}, records every item in the run's ledger, then reads
 * {@code load.results} until nothing accepted is pending or {@code load.drain} has passed.
 *
 * <p>Each item is {@code {"id":"<runId>-000001","payload":{"seq":1}}}; a 2xx answer means accepted. The results
 * endpoint answers {@code {"completed":[{"id":"...","count":n}, ...]}}.
 */
public final class LedgerDriver implements LoadDriver {
    /** Submissions awaiting an answer at most; beyond it an item is recorded as refused by the client. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 256;

    private final int maxInFlight;

    public LedgerDriver() {
        this(DEFAULT_MAX_IN_FLIGHT);
    }

    LedgerDriver(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, but was " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
    }

    @Override
    public String name() {
        return "ledger";
    }

    @Override
    public Running start(LoadSpec spec, Context context) {
        LedgerRun run = new LedgerRun(spec, context, maxInFlight);
        run.start();
        return run;
    }
}
