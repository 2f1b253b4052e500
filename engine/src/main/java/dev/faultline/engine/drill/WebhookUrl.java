package dev.faultline.engine.drill;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import dev.faultline.engine.model.Excerpt;

/** The one check of a drill's {@code notify} URL, made by the drill reader and again by whatever sends to it. */
public final class WebhookUrl {
    /** The longest URL accepted. */
    public static final int MAX_URL_CHARS = 2048;
    private static final int MAX_PORT = 65_535;

    private WebhookUrl() {
    }

    /**
     * Why {@code url} cannot be a webhook, in one line for {@code file:line:col notify[i]: ...}; null when it can: an
     * http or https URL with a host, a port (if any) up to 65535, no user-info, at most {@value #MAX_URL_CHARS}
     * characters and no control characters. It quotes at most the scheme or the authority (once it has no user-info),
     * never the path or query, so no secret in the URL reaches a log.
     */
    public static String problem(String url) {
        if (url == null || url.isBlank()) {
            return "expected an http or https URL but was empty";
        }
        if (url.length() > MAX_URL_CHARS) {
            return "expected at most " + MAX_URL_CHARS + " characters but was " + url.length();
        }
        for (int i = 0; i < url.length(); i++) {
            if (Character.isISOControl(url.charAt(i))) {
                return "expected no control characters but found one at character " + (i + 1);
            }
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "expected an http or https URL but it does not parse: " + Excerpt.of(e.getReason(), 60)
                    + " at character " + (e.getIndex() + 1);
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            return "expected an http or https URL but found no scheme (write http://host:port/path)";
        }
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (!lower.equals("http") && !lower.equals("https")) {
            return "expected an http or https URL but the scheme was '" + Excerpt.of(scheme, 20) + "'";
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            return "expected no user-info (user:password@) but found some: put a token in the path or query instead";
        }
        if (uri.getRawAuthority() == null) {
            return "expected a host, as in " + lower + "://host:port/path, but found none";
        }
        if (uri.getHost() == null) {
            return "expected a host name (letters, digits, '.' and '-') and a port number but was '"
                    + Excerpt.of(uri.getRawAuthority(), 60) + "'";
        }
        if (uri.getPort() == 0 || uri.getPort() > MAX_PORT) {
            return "expected a port between 1 and " + MAX_PORT + " but was " + uri.getPort();
        }
        return null;
    }
}
