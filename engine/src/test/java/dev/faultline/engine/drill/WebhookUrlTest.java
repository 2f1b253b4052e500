package dev.faultline.engine.drill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The webhook URL check, word for word: what the drill reader and the webhooks refuse. */
class WebhookUrlTest {
    @Test
    void httpAndHttpsUrlsWithAHostPassTheCheck() {
        assertThat(WebhookUrl.problem("http://127.0.0.1:9000/hook")).isNull();
        assertThat(WebhookUrl.problem("HTTPS://hooks.example.com/services/T0/B0?token=x")).isNull();
    }

    @Test
    void theUrlCheckSaysWhatIsWrongWordForWord() {
        assertThat(WebhookUrl.problem("file:///etc/passwd"))
                .isEqualTo("expected an http or https URL but the scheme was 'file'");
        assertThat(WebhookUrl.problem("ftp://files.example.com/drop"))
                .isEqualTo("expected an http or https URL but the scheme was 'ftp'");
        assertThat(WebhookUrl.problem("hooks.example.com/hook"))
                .isEqualTo("expected an http or https URL but found no scheme (write http://host:port/path)");
        assertThat(WebhookUrl.problem("http:///hook"))
                .isEqualTo("expected a host, as in http://host:port/path, but found none");
        assertThat(WebhookUrl.problem("https://hooks_example.com/hook"))
                .isEqualTo("expected a host name (letters, digits, '.' and '-') and a port number but was"
                        + " 'hooks_example.com'");
        assertThat(WebhookUrl.problem("http://127.0.0.1:70000/hook"))
                .isEqualTo("expected a port between 1 and 65535 but was 70000");
        assertThat(WebhookUrl.problem("http://admin:s3cret@hooks.example.com/hook"))
                .isEqualTo("expected no user-info (user:password@) but found some: put a token in the path or query"
                        + " instead");
        assertThat(WebhookUrl.problem("http://hooks.example.com/" + "a".repeat(2049 - 25)))
                .isEqualTo("expected at most 2048 characters but was 2049");
        assertThat(WebhookUrl.problem("http://hooks.example.com/a\nb"))
                .isEqualTo("expected no control characters but found one at character 27");
        assertThat(WebhookUrl.problem("http://hooks.example.com/a b"))
                .isEqualTo("expected an http or https URL but it does not parse: Illegal character in path"
                        + " at character 27");
        assertThat(WebhookUrl.problem(" ")).isEqualTo("expected an http or https URL but was empty");
    }
}
