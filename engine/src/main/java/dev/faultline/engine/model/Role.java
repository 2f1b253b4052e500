package dev.faultline.engine.model;

/** What a service is for; decides default wait strategies and which services count as agents. */
public enum Role {
    BROKER, STORE, AGENT, OTHER;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
