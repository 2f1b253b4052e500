package dev.faultline.reports.html;

import java.nio.charset.StandardCharsets;

/**
 * A link from a run's page to a file inside the run's folder (a load driver's own report, {@code gatling/index.html}),
 * given as the path the run saved. Only a relative path that stays inside the folder is linked: segments separated
 * by {@code /}, none empty, {@code .} or {@code ..}, and no {@code \}, {@code :} (a scheme or a drive) or control
 * character. Every byte outside {@code A-Z a-z 0-9 - . _ ~} is percent-encoded, so the link is one relative URL
 * whatever the name holds.
 */
final class RunFolderLink {
    private static final String HEX = "0123456789ABCDEF";

    private RunFolderLink() {
    }

    /** The relative URL of {@code path}, or null when it is not a relative path inside the run's folder. */
    static String href(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/")) {
            return null;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
                return null;
            }
        }
        StringBuilder href = new StringBuilder(path.length() + 16);
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
            if (href.length() > 0) {
                href.append('/');
            }
            for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                    href.append(c);
                } else {
                    href.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
                }
            }
        }
        return href.toString();
    }
}
