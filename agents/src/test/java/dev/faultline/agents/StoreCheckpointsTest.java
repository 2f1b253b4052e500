package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker's tally checkpointed in the store, its restore after a crash, and a tampered checkpoint. The completions are
 * a {@link FakeJdbc}'s (numbered in insert order); the checkpoints live in a table in memory.
 */
class StoreCheckpointsTest {
    private static final String OWNER = "worker-0";
    private static final String INSERT = "INSERT INTO completions (task_id, worker) VALUES (?, ?)"
            + " ON CONFLICT (task_id) DO NOTHING";

    private final FakeJdbc jdbc = new FakeJdbc();
    private final Store store = jdbc.store(true);
    private final Memory table = new Memory();
    private final List<StoreCheckpoints> started = new ArrayList<>();

    /** Checkpoints in memory, oldest first; the completions from the fake store. */
    private final class Memory implements StoreCheckpoints.Table {
        final List<Tally.Stored> rows = new CopyOnWriteArrayList<>();

        @Override
        public List<Tally.Stored> newestFirst(Connection c, String owner) {
            List<Tally.Stored> newestFirst = new ArrayList<>(rows);
            java.util.Collections.reverse(newestFirst);
            return newestFirst;
        }

        @Override
        public long write(Connection c, String owner, Tally tally) {
            long version = rows.isEmpty() ? 1 : rows.get(rows.size() - 1).version() + 1;
            rows.add(new Tally.Stored(version, tally.json(), tally.sha256()));
            return version;
        }

        @Override
        public Tally since(Connection c, String owner, long after) {
            List<Long> later = jdbc.sequenceNumbersOf(owner).stream().filter(s -> s > after).toList();
            return new Tally(later.size(), later.stream().mapToLong(Long::longValue).max().orElse(after));
        }

        /** Replaces the latest checkpoint's state, keeping its hash: as if someone changed it in the store. */
        void tamperLatest(String state) {
            Tally.Stored latest = rows.remove(rows.size() - 1);
            rows.add(new Tally.Stored(latest.version(), state, latest.sha256()));
        }
    }

    @AfterEach
    void stop() {
        started.forEach(StoreCheckpoints::close);
    }

    /** A worker process: its checkpoints restored (the writer not started: the test writes when it wants). */
    private StoreCheckpoints restoredWorker(boolean verify) throws Exception {
        StoreCheckpoints sc = new StoreCheckpoints(store, OWNER, INSERT, verify, table);
        started.add(sc);
        sc.restore();
        return sc;
    }

    private void complete(StoreCheckpoints sc, String... ids) throws Exception {
        for (String id : ids) {
            store.call(c -> sc.record(c, id));
        }
    }

    @Test
    void theTallyCountsOnlyCompletionsThatReallyInserted() throws Exception {
        StoreCheckpoints sc = restoredWorker(true);

        complete(sc, "t-1", "t-2", "t-1");

        assertThat(sc.completed()).contains(2L);
    }

    @Test
    void nothingIsCountedBeforeTheRestore() {
        StoreCheckpoints sc = new StoreCheckpoints(store, OWNER, INSERT, true, table);
        started.add(sc);

        assertThat(sc.completed()).isEmpty();
    }

    @Test
    void aNewVersionIsWrittenOnlyWhenTheTallyChanged() throws Exception {
        StoreCheckpoints sc = restoredWorker(true);
        complete(sc, "t-1");
        sc.writeIfChanged();

        sc.writeIfChanged();

        assertThat(table.rows).hasSize(1);
        assertThat(table.rows.get(0).state()).isEqualTo("{\"completed\":1,\"through\":1}");
    }

    @Test
    void afterACrashTheTallyIsTheLastCheckpointPlusTheCompletionsReplayedAfterIt() throws Exception {
        StoreCheckpoints before = restoredWorker(true);
        complete(before, "t-1", "t-2", "t-3");
        before.writeIfChanged();
        complete(before, "t-4", "t-5"); // then killed: no checkpoint of these
        started.remove(before);

        StoreCheckpoints after = restoredWorker(true);

        assertThat(after.completed()).contains(5L);
        assertThat(after.restoredFrom()).contains(1L);
    }

    @Test
    void aCheckpointFailingItsHashIsSkippedForTheOneBeforeIt() throws Exception {
        StoreCheckpoints before = restoredWorker(true);
        complete(before, "t-1", "t-2");
        before.writeIfChanged();
        complete(before, "t-3");
        before.writeIfChanged();
        complete(before, "t-4");
        started.remove(before);
        table.tamperLatest("{\"completed\":12007,\"through\":3}");

        StoreCheckpoints after = restoredWorker(true);

        assertThat(after.restoredFrom()).contains(1L);
        assertThat(after.completed()).contains(4L);
    }

    @Test
    void unverifiedTheTamperedCheckpointIsTakenAsItIs() throws Exception {
        StoreCheckpoints before = restoredWorker(false);
        complete(before, "t-1", "t-2");
        before.writeIfChanged();
        complete(before, "t-3");
        before.writeIfChanged();
        started.remove(before);
        table.tamperLatest("{\"completed\":12007,\"through\":3}");

        StoreCheckpoints after = restoredWorker(false);

        assertThat(after.completed()).contains(12007L);
    }

    @Test
    void unverifiedAStateThatIsNotATallyRestoresWhatParsesAndZeroForTheRest() throws Exception {
        StoreCheckpoints before = restoredWorker(false);
        complete(before, "t-1", "t-2");
        before.writeIfChanged();
        started.remove(before);
        table.tamperLatest("{\"completed\":\"x7\",\"through\":1}");

        StoreCheckpoints after = restoredWorker(false);

        assertThat(after.completed()).contains(1L); // 0 restored, t-2 (#2, after through 1) replayed
    }

    @Test
    void everyCompletionAfterTheRestoreIsCountedOnTopOfIt() throws Exception {
        StoreCheckpoints before = restoredWorker(true);
        complete(before, "t-1");
        before.writeIfChanged();
        started.remove(before);
        StoreCheckpoints after = restoredWorker(true);

        complete(after, "t-2", "t-1");

        assertThat(after.completed()).contains(2L);
    }
}
