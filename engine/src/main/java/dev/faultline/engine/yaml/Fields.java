package dev.faultline.engine.yaml;

import java.util.regex.Pattern;

/** Checks on single values shared by the topology and scenario readers. */
final class Fields {
    /** The longest scenario, fault, probe or topology name: a DNS label's length. */
    static final int MAX_NAME = 63;
    /** The longest HTTP path of a probe, a load endpoint or a health check. */
    static final int MAX_HTTP_PATH = 256;
    /** The longest image reference Docker accepts (its repository name is at most 255). */
    static final int MAX_IMAGE = 255;
    /** The longest environment variable name. */
    static final int MAX_ENV_NAME = 128;
    /** The longest environment variable value. */
    static final int MAX_ENV_VALUE = 4096;

    /** An origin-form path: segments of RFC 3986 path characters, an optional query; never {@code //} at the start. */
    private static final Pattern HTTP_PATH = Pattern.compile(
            "/(?!/)[A-Za-z0-9\\-._~!$&'()*+,;=:@%/]*(\\?[A-Za-z0-9\\-._~!$&'()*+,;=:@%/?]*)?");
    private static final Pattern PERCENT_ESCAPES = Pattern.compile("%(?![0-9A-Fa-f]{2})");
    /**
     * Docker's reference grammar: {@code [host[:port]/]path[:tag][@digest]}, the path lower-case components joined by
     * {@code /}, the tag at most 128 characters.
     */
    private static final Pattern IMAGE = Pattern.compile(
            "(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
                    + "(?::[0-9]{1,5})?|\\[[0-9a-fA-F:]+\\](?::[0-9]{1,5})?)/)?"
                    + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
                    + "(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PROBE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Fields() {
    }

    /** A string that is not blank. */
    static String nonBlank(YamlValue value) {
        String text = value.text();
        if (text.isBlank()) {
            throw value.expected("a non-empty string");
        }
        return text;
    }

    /**
     * An HTTP path the harness only ever asks of the service it names: {@code /health}, {@code /results?since=0}. A
     * path starting {@code //}, or holding a space, {@code #}, a backslash or a control character, would name another
     * host or mean something else once in a URL, and is refused.
     */
    static String httpPath(YamlValue value) {
        String text = value.text();
        if (!text.startsWith("/")) {
            throw value.expected("a path starting with '/' (e.g. /health)");
        }
        if (text.length() > MAX_HTTP_PATH || !HTTP_PATH.matcher(text).matches()
                || PERCENT_ESCAPES.matcher(text).find()) {
            throw value.expected("a path of at most " + MAX_HTTP_PATH + " URL characters, starting with a single '/',"
                    + " without spaces, '#', '\\' or control characters (e.g. /health)");
        }
        return text;
    }

    /** A string matching {@code [a-z0-9-]+}, at most {@value #MAX_NAME} characters: scenario and fault names. */
    static String name(YamlValue value, String example) {
        String text = value.text();
        if (!text.matches("[a-z0-9-]+") || text.length() > MAX_NAME) {
            throw value.expected("a name of at most " + MAX_NAME + " lower-case letters, digits and '-' (e.g. "
                    + example + ")");
        }
        return text;
    }

    /** A probe's name: letters, digits, {@code .}, {@code _} and {@code -}, at most {@value #MAX_NAME} characters. */
    static String probeName(YamlValue value) {
        String text = value.text();
        if (!PROBE_NAME.matcher(text).matches() || text.length() > MAX_NAME) {
            throw value.expected("a name of at most " + MAX_NAME + " letters, digits, '.', '_' and '-' (e.g. api-ready)");
        }
        return text;
    }

    /** An image reference Docker accepts: {@code faultline/agent}, {@code postgres:16}, {@code host:5000/x@sha256:...}. */
    static String image(YamlValue value) {
        String text = value.text();
        if (text.length() > MAX_IMAGE || !IMAGE.matcher(text).matches()) {
            throw value.expected("an image reference of at most " + MAX_IMAGE + " characters: lower-case name "
                    + "components joined by '/', optionally a registry first and a :tag or @digest last (e.g. "
                    + "faultline/agent, postgres:16)");
        }
        return text;
    }

    /** An environment variable's name: {@code [A-Za-z_][A-Za-z0-9_]*}, not one the harness sets itself. */
    static String envName(YamlValue key) {
        String text = key.text();
        if (!ENV_NAME.matcher(text).matches() || text.length() > MAX_ENV_NAME) {
            throw key.expected("a variable name of at most " + MAX_ENV_NAME + " letters, digits and '_', not starting "
                    + "with a digit (e.g. AGENT_ROLE)");
        }
        if (text.startsWith("FAULTLINE_")) {
            throw key.invalid("names starting with FAULTLINE_ are set by the harness itself; choose another name");
        }
        return text;
    }

    /** An environment variable's value: at most {@value #MAX_ENV_VALUE} characters, no NUL (Docker refuses it). */
    static String envValue(YamlValue value) {
        String text = value.text();
        if (text.length() > MAX_ENV_VALUE || text.indexOf('\0') >= 0) {
            throw value.expected("a value of at most " + MAX_ENV_VALUE + " characters without NUL");
        }
        return text;
    }
}
