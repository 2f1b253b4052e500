package dev.faultline.engine.yaml;

/** Checks on single values shared by the topology and scenario readers. */
final class Fields {
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

    /** An HTTP path: {@code /health}. */
    static String httpPath(YamlValue value) {
        String text = value.text();
        if (!text.startsWith("/")) {
            throw value.expected("a path starting with '/' (e.g. /health)");
        }
        return text;
    }

    /** A string matching {@code [a-z0-9-]+}: scenario and fault names. */
    static String name(YamlValue value, String example) {
        String text = value.text();
        if (!text.matches("[a-z0-9-]+")) {
            throw value.expected("a name of lower-case letters, digits and '-' (e.g. " + example + ")");
        }
        return text;
    }
}
