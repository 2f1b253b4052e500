package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.Fault;

/**
 * {@code resource-exhaustion} of connections passes the fault contract against real PostgreSQL stores: reverted
 * means the store counts none of Faultline's held connections.
 */
class ConnectionExhaustionContractIT extends ResourceContract {
    private static final String HELD = "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE"
            + " 'faultline-hold-%'";

    @Override
    protected String with() {
        return "{resource: connections, level: 100%}";
    }

    @Override
    protected String targetName() {
        return "store";
    }

    @Override
    protected Object observed(Side side) {
        return held(targets(side).get(0));
    }

    /** Someone ended every held connection behind the fault's back (as pg_terminate_backend does). */
    @Override
    protected void applyWithoutEffect(Fault.Handle run) throws Exception {
        run.apply();
        ContainerControl.ExecResult ended = control(Side.FIRST).run(targets().get(0), "pkill", "-TERM", "-f",
                "^postgres: .*faultline faultline");
        assertThat(ended.exitCode()).as(ended.stderr()).isZero();
    }

    @Override
    protected void assertReverted() {
        assertThat(held(targets().get(0))).as("connections Faultline holds").isEqualTo("0");
    }

    private String held(String store) {
        ContainerControl.ExecResult r = control(Side.FIRST).run(store, "env", "PGPASSWORD=faultline", "psql",
                "-h", "127.0.0.1", "-U", "faultline", "-At", "-d", "faultline", "-c", HELD);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout().strip();
    }
}
