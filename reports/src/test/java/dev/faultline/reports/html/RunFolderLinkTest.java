package dev.faultline.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RunFolderLinkTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "gatling/index.html|gatling/index.html",
        "gatling/run 1/index.html|gatling/run%201/index.html",
        "gatling/r\u00e9sum\u00e9.html|gatling/r%C3%A9sum%C3%A9.html",
        "gatling/a?b#c&d'e\"f<g>.html|gatling/a%3Fb%23c%26d%27e%22f%3Cg%3E.html",
        "..gatling/index.html|..gatling/index.html"})
    void aRelativePathInsideTheRunsFolderIsLinkedPercentEncoded(String path, String href) {
        assertThat(RunFolderLink.href(path)).isEqualTo(href);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "../index.html", "gatling/../../index.html", "gatling/./index.html",
        "gatling//index.html", "gatling/", "javascript:alert(1)", "https://example.com/x", "C:\\gatling\\index.html",
        "gatling\\..\\..\\x", "gatling/\nindex.html"})
    void aPathThatCouldLeaveTheRunsFolderIsNotLinked(String path) {
        assertThat(RunFolderLink.href(path)).isNull();
    }

    @org.junit.jupiter.api.Test
    void noPathIsNoLink() {
        assertThat(RunFolderLink.href(null)).isNull();
    }
}
