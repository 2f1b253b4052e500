package dev.faultline.reports.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The history on a real PostgreSQL: the project's own image ({@code docker/images/postgres}, user, password and
 * database {@code faultline}), published on 127.0.0.1 only. Each test gets a database of its own, created empty.
 */
class HistoryPostgresIT extends HistoryContract {
    private static final int PORT = 5432;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static GenericContainer<?> postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = new GenericContainer<>(DockerImageName.parse("faultline/postgres"))
                .withLabels(Map.of("dev.faultline.test", "HistoryPostgresIT"))
                .withExposedPorts(PORT)
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\n", 1))
                .withCreateContainerCmdModifier(cmd -> {
                    HostConfig host = cmd.getHostConfig() == null ? HostConfig.newHostConfig() : cmd.getHostConfig();
                    Ports bindings = new Ports();
                    bindings.bind(ExposedPort.tcp(PORT), Ports.Binding.bindIp("127.0.0.1"));
                    cmd.withHostConfig(host.withPortBindings(bindings));
                });
        postgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Override
    History openEmpty() throws HistoryException {
        String database = "history_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("faultline")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return History.open(url(database));
    }

    private static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getMappedPort(PORT) + "/" + database
                + "?user=faultline&password=faultline";
    }

    @Test
    void openingTwiceMigratesOnceAndTheNameHidesThePassword() throws Exception {
        String url;
        try (History history = openEmpty()) {
            drill(history, MONDAY, 1000L);
            url = url("history_" + DATABASES.get());
            assertThat(history.name()).endsWith("?user=faultline&password=***").doesNotContain("password=faultline");
        }

        try (History history = History.open(url)) {
            assertThat(history.runs(null, null)).hasSize(1);
        }

        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version, success FROM " + History.SCHEMA_TABLE
                     + " WHERE version IS NOT NULL")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("1");
            assertThat(r.getBoolean(2)).isTrue();
            assertThat(r.next()).as("one migration applied, once").isFalse();
        }
    }

    @Test
    void aWrongPasswordIsToldInOneLineWithoutThePassword() {
        String wrong = url("faultline").replace("password=faultline", "password=not-it");

        assertThatHistoryFails(() -> History.open(wrong)).contains("password=***").doesNotContain("not-it")
                .contains("cannot migrate its schema");
    }
}
