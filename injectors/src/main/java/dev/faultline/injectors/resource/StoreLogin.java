package dev.faultline.injectors.resource;

import java.util.Map;

/**
 * How the harness logs in to a PostgreSQL store (to hold its connection slots, to tamper with a checkpoint). Unset
 * fields come from the store's environment ({@code POSTGRES_USER}, {@code POSTGRES_PASSWORD}, {@code POSTGRES_DB},
 * the official image's convention), then from the reference topology's defaults ({@code faultline}).
 */
public record StoreLogin(int port, String user, String password, String database) {
    public static final int DEFAULT_PORT = 5432;
    public static final String REFERENCE_DEFAULT = "faultline";

    /** This login with every unset field filled from the store's environment or the defaults. */
    public StoreLogin resolvedWith(Map<String, String> env) {
        return new StoreLogin(port,
                first(user, env.get("POSTGRES_USER")),
                first(password, env.get("POSTGRES_PASSWORD")),
                first(database, env.get("POSTGRES_DB"), env.get("POSTGRES_USER")));
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return REFERENCE_DEFAULT;
    }

    /** No password in reports. */
    @Override
    public String toString() {
        return (user == null ? "" : user + "@") + ":" + port + (database == null ? "" : "/" + database);
    }
}
