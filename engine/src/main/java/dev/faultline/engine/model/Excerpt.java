package dev.faultline.engine.model;

/**
 * A user's value as an error message may quote it: control characters shown as {@code ?}, at most
 * {@value #MAX_CHARS} characters (then {@code ...}). The one way Faultline quotes what a user wrote, so that a file's
 * content never reaches a terminal or a CI log whole, and never as raw control sequences.
 */
public final class Excerpt {
    /** The longest excerpt, in characters, before {@code ...}. */
    public static final int MAX_CHARS = 40;

    private Excerpt() {
    }

    /** {@code text} with control characters as {@code ?}, cut to {@value #MAX_CHARS} characters. */
    public static String of(String text) {
        return of(text, MAX_CHARS);
    }

    /** {@code text} with control characters as {@code ?}, cut to {@code maxChars} characters. */
    public static String of(String text, int maxChars) {
        if (text == null) {
            return "null";
        }
        StringBuilder shown = new StringBuilder(Math.min(text.length(), maxChars) + 3);
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (count == maxChars) {
                return shown.append("...").toString();
            }
            shown.appendCodePoint(printable(c) ? c : '?');
            count++;
        }
        return shown.toString();
    }

    /** Not a control character (C0, DEL, C1), nor a line or paragraph separator, bidi override or other format code. */
    private static boolean printable(int c) {
        int type = Character.getType(c);
        return !Character.isISOControl(c) && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.FORMAT && type != Character.SURROGATE && type != Character.UNASSIGNED;
    }
}
