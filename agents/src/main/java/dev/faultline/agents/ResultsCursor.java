package dev.faultline.agents;

/**
 * Where an incremental read of the results ({@code GET /results?after=<cursor>}) goes on from: the last completion
 * sequence number ({@code seq}) taken into account in {@code completions} and in {@code completions_unsafe}, written
 * {@code <safe>.<unsafe>}. Clients treat it as opaque text.
 */
record ResultsCursor(long safe, long unsafe) {
    static final ResultsCursor START = new ResultsCursor(0, 0);

    ResultsCursor {
        if (safe < 0 || unsafe < 0) {
            throw new IllegalArgumentException("a cursor's sequence numbers are never negative: " + safe + "." + unsafe);
        }
    }

    /** A cursor as a previous answer gave it; anything else is a bad request. */
    static ResultsCursor parse(String text) throws BadRequestException {
        int dot = text.indexOf('.');
        if (dot > 0 && dot < text.length() - 1 && text.length() <= 41 && digits(text, 0, dot)
                && digits(text, dot + 1, text.length())) {
            try {
                return new ResultsCursor(Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1)));
            } catch (NumberFormatException e) {
                // out of range: the error below
            }
        }
        String shown = text.length() <= 40 ? text : text.substring(0, 40) + "...";
        throw new BadRequestException("after: expected a cursor as a previous answer gave it (<n>.<n>) but was '"
                + shown.replaceAll("\\p{Cntrl}", "?") + "'");
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return safe + "." + unsafe;
    }
}
