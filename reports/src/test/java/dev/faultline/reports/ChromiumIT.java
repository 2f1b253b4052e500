package dev.faultline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test harness itself, against the real browser: it must see what a broken page does. */
class ChromiumIT {
    @TempDir
    Path dir;

    @Test
    void theConsoleHoldsADeliberateErrorAndAnUncaughtException() throws IOException {
        Path page = page("<p>x</p><script>console.error('deliberate-error');"
                + "throw new Error('deliberate-throw');</script>");

        Chromium.Render render = Chromium.headless().dumpDom(page);

        assertThat(render.console()).hasSize(2);
        assertThat(render.console().get(0)).contains("deliberate-error");
        assertThat(render.console().get(1)).contains("Uncaught Error: deliberate-throw");
    }

    @Test
    void aQuietPageHasAnEmptyConsole() throws IOException {
        Chromium.Render render = Chromium.headless().dumpDom(page("<p>quiet</p>"));

        assertThat(render.console()).isEmpty();
    }

    @Test
    void theDumpedDomIsTheRenderedOneAfterScriptsRan() throws IOException {
        Path page = page("<div id='a'></div><script>document.getElementById('a').textContent='rendered';</script>");

        assertThat(Chromium.headless().dumpDom(page).dom()).contains("<div id=\"a\">rendered</div>");
    }

    @Test
    void aScreenshotIsAPngOfTheWindowsSize() throws IOException {
        Path png = dir.resolve("shots/page.png");

        Chromium.headless().screenshot(page("<h1>shot</h1>"), png, 640, 480);

        assertThat(pngSize(png)).containsExactly(640, 480);
    }

    @Test
    void oneRenderGivesTheDomTheConsoleAndTheScreenshotOfOneLoad() throws IOException {
        Path png = dir.resolve("shots/both.png");
        Path page = page("<div id='a'></div><script>document.getElementById('a').textContent='rendered';"
                + "console.error('deliberate-error');</script>");

        Chromium.Render render = Chromium.headless().render(page, png, 640, 480);

        assertThat(render.dom()).contains("<div id=\"a\">rendered</div>");
        assertThat(render.console()).singleElement().asString().contains("deliberate-error");
        assertThat(pngSize(png)).containsExactly(640, 480);
    }

    @Test
    void aPageThatNeverFinishesFailsAtTheTimeout() throws IOException {
        Path page = page("<script>while (true) {}</script>");
        Chromium chromium = Chromium.headless().timeout(Duration.ofSeconds(4));

        assertThatThrownBy(() -> chromium.dumpDom(page)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not finish").hasMessageContaining("within PT4S");
    }

    /** Width and height from a PNG's header; fails unless the file starts as a PNG does. */
    private static int[] pngSize(Path png) throws IOException {
        try (InputStream in = Files.newInputStream(png); DataInputStream data = new DataInputStream(in)) {
            byte[] signature = data.readNBytes(16);
            assertThat(signature[1]).isEqualTo((byte) 'P');
            return new int[] {data.readInt(), data.readInt()};
        }
    }

    private Path page(String body) throws IOException {
        Path page = dir.resolve("page-" + System.nanoTime() + ".html");
        Files.writeString(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + body
                + "</body></html>");
        return page;
    }
}
