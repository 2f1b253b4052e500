package dev.faultline.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void everyCharacterThatMeansMarkupIsEscaped() {
        assertThat(Html.text("<a href='x' title=\"y\">&</a>"))
                .isEqualTo("&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;&lt;/a&gt;");
    }

    @Test
    void coordinatesHaveOneDecimalAtMost() {
        assertThat(new String[] {Html.num(12), Html.num(12.345), Html.num(-0.04), Html.num(1.96)})
                .containsExactly("12", "12.3", "0", "2");
    }
}
