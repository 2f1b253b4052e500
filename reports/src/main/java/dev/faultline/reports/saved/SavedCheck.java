package dev.faultline.reports.saved;

/** One objective check as {@code result.json} saved it: {@code recovery[kill-worker]}, {@code integrity.lost}, ... */
public record SavedCheck(String name, String expected, String actual, boolean met) {
    /** The fault a {@code recovery[<fault>]} check is about, or null for any other check. */
    public String recoveryOf() {
        return name.startsWith("recovery[") && name.endsWith("]") ? name.substring(9, name.length() - 1) : null;
    }
}
