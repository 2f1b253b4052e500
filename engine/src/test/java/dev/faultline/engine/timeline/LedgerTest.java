package dev.faultline.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.timeline.Ledger.WorkItem;

/** The ledger: what each item went through, kept compactly and read back exactly as recorded. */
class LedgerTest {
    private final Ledger ledger = new Ledger();

    @Test
    void anItemSubmittedTwiceIsAnError() {
        ledger.submitted("run-000001", 10);

        assertThatThrownBy(() -> ledger.submitted("run-000001", 20)).isInstanceOf(IllegalStateException.class)
                .hasMessage("work item run-000001 submitted twice");
        ledger.submitted("other", 20);
        assertThatThrownBy(() -> ledger.submitted("other", 30)).isInstanceOf(IllegalStateException.class)
                .hasMessage("work item other submitted twice");
    }

    @Test
    void aStreamReadWhileItemsAreSubmittedHoldsWhatWasThereWhenItWasMade() throws InterruptedException {
        int total = 300_000;
        Thread submitter = new Thread(() -> {
            for (int seq = 1; seq <= total; seq++) {
                ledger.submitted(Ledger.driverId("r", seq), seq);
            }
        });
        submitter.start();
        int reads = 0;
        try {
            while (submitter.isAlive() || reads == 0) {
                List<WorkItem> read = ledger.stream().toList(); // once threw: its size was read twice
                reads++;
                for (int i = 0; i < read.size(); i++) {
                    assertThat(read.get(i).submittedAt()).isEqualTo(i + 1);
                }
            }
        } finally {
            submitter.join();
        }
        assertThat(ledger.stream().toList()).hasSize(total);
        assertThat(reads).isPositive();
    }

    @Test
    void anAnswerForAnItemNeverSubmittedIsAnError() {
        ledger.submitted("run-000001", 10);

        assertThatThrownBy(() -> ledger.answered("run-000002", 20, 202, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("work item run-000002 answered but never submitted");
    }

    @Test
    void everyItemReadsBackAsRecordedWhateverItsId() {
        List<WorkItem> expected = new ArrayList<>();
        for (int seq = 1; seq <= 70_000; seq++) { // more than one chunk
            String id = Ledger.driverId("worker-crash-20261202", seq);
            ledger.submitted(id, seq);
            ledger.answered(id, seq + 5, 202, null);
            expected.add(new WorkItem(id, seq, seq + 5, 202, null, 0, -1));
        }
        ledger.submitted("t-1", 3);
        expected.add(new WorkItem("t-1", 3, -1, 0, null, 0, -1));
        ledger.submitted("worker-crash-20261202-070001", 4); // the driver's form and place: costs nothing
        expected.add(new WorkItem("worker-crash-20261202-070001", 4, -1, 0, null, 0, -1));
        ledger.submitted("worker-crash-20261202-099999", 5); // the driver's form, not its place
        expected.add(new WorkItem("worker-crash-20261202-099999", 5, -1, 0, null, 0, -1));

        assertThat(ledger.size()).isEqualTo(expected.size());
        assertThat(ledger).containsExactlyElementsOf(expected);
        assertThat(ledger.item(70_002)).isEqualTo(expected.get(70_002));
        assertThat(Ledger.driverId("r", 1_234_567)).isEqualTo("r-1234567");
    }

    @Test
    void acceptedAndPendingCountAcceptedItemsNotYetCompleted() {
        ledger.submitted("r-000001", 0);
        ledger.submitted("r-000002", 0);
        ledger.submitted("r-000003", 0);
        ledger.submitted("r-000004", 0);
        ledger.answered("r-000001", 5, 202, null);
        ledger.answered("r-000002", 5, 200, null);
        ledger.answered("r-000003", 5, 503, null);
        ledger.completed("r-000004", 1, 6); // completed before its answer came
        ledger.answered("r-000004", 7, 202, null);
        ledger.completed("r-000002", 1, 8);
        ledger.completed("r-000003", 1, 8); // completed, though refused: not accepted

        assertThat(ledger.acceptedCount()).isEqualTo(3);
        assertThat(ledger.pendingCount()).isEqualTo(1);
    }

    @Test
    void anItemKeepsTheMostCompletionsAnyReadReportedAndTheFirstTimeOneDid() {
        ledger.submitted("r-000001", 0);
        ledger.answered("r-000001", 5, 202, null);

        ledger.completed("r-000001", 0, 10);
        ledger.completions(Map.of("r-000001", 2), 20);
        ledger.completions(Map.of("r-000001", 1), 30);

        assertThat(ledger.item(0).completions()).isEqualTo(2);
        assertThat(ledger.item(0).firstCompletedAt()).isEqualTo(20);
    }

    @Test
    void completionsOfIdsNeverSubmittedAreKeptUpToTheBoundThenCounted() {
        ledger.submitted("r-000001", 0);

        ledger.completions(Map.of("ghost", 2), 10);
        for (int n = 0; n < Ledger.MAX_UNKNOWN + 5; n++) {
            ledger.completed("phantom-" + n, 1, 20);
        }

        assertThat(ledger.unknownCompletions()).hasSize(Ledger.MAX_UNKNOWN).containsEntry("ghost", 2);
        assertThat(ledger.unknownBeyondBound()).isEqualTo(6);
        assertThat(ledger.item(0).completions()).isZero();
    }

    @Test
    void errorsAreKeptOncePerMessageAndBounded() {
        for (int n = 0; n < Ledger.MAX_ERRORS + 2; n++) {
            String id = Ledger.driverId("r", n + 1);
            ledger.submitted(id, 0);
            ledger.answered(id, 5, -1, "java.net.ConnectException: refused " + n);
        }
        ledger.submitted("r-001003", 0);
        ledger.answered("r-001003", 5, -1, "java.net.ConnectException: refused 7");

        assertThat(ledger.item(7).error()).isEqualTo("java.net.ConnectException: refused 7");
        assertThat(ledger.item(1002).error()).isEqualTo("java.net.ConnectException: refused 7");
        assertThat(ledger.item(Ledger.MAX_ERRORS).error()).isEqualTo(Ledger.OTHER_ERROR);
        assertThat(ledger.item(Ledger.MAX_ERRORS).status()).isEqualTo(-1);
    }

    @Test
    void anErrorComesOnlyWithoutAnHttpAnswer() {
        ledger.submitted("r-000001", 0);

        assertThatThrownBy(() -> ledger.answered("r-000001", 5, 500, "boom"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("work item r-000001 error: expected only with status -1 but status was 500");
    }

    @Test
    void aTimeBeyondTwentyFourDaysIsAnError() {
        assertThatThrownBy(() -> ledger.submitted("r-000001", 1L << 31))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("work item r-000001 submitted at: expected a time within 24 days of the run's start but"
                        + " was 2147483648 ms");
    }

    @Test
    void iteratingSeesTheItemsSubmittedWhenItBeganWhileSubmissionsGoOn() {
        for (int seq = 1; seq <= 10_000; seq++) {
            ledger.submitted(Ledger.driverId("r", seq), seq);
        }
        int seen = 0;
        for (WorkItem item : ledger) {
            if (seen++ == 0) {
                ledger.submitted(Ledger.driverId("r", 10_001), 0); // the lock is not held while a caller iterates
            }
        }

        assertThat(seen).isEqualTo(10_000);
        assertThat(ledger.size()).isEqualTo(10_001);
    }
}
