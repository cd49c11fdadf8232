package com.xhsgraph.snapshot;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes sure an instance that runs on the embedded PostgreSQL uses its own. The embedded server listens on a port fixed
 * when the application is built; when another instance (in another directory) already holds that port, this
 * instance's server cannot start, and its connections would silently reach the other instance's database. A server
 * this process started is younger than this process: an older one belongs to someone else, and the instance refuses
 * to start, saying why.
 */
@Singleton
public class EmbeddedDatabaseGuard {

    /** Clock differences between the JVM's and PostgreSQL's reading of "now" stay well within this. */
    private static final Duration TOLERANCE = Duration.ofSeconds(2);

    void check(@Observes StartupEvent event, AgroalDataSource dataSource) {
        Config config = ConfigProvider.getConfig();
        Optional<Integer> port = config.getOptionalValue("quarkus.embedded.postgresql.port", Integer.class);
        Optional<String> url = config.getOptionalValue("quarkus.datasource.jdbc.url", String.class);
        if (port.isEmpty() || url.isEmpty() || !usesEmbedded(url.get(), port.get())) {
            return;
        }
        Instant serverStarted;
        String dataDirectory;
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_postmaster_start_time(), current_setting('data_directory')")) {
            rs.next();
            serverStarted = rs.getTimestamp(1).toInstant();
            dataDirectory = rs.getString(2);
        } catch (SQLException e) {
            // the database is down: the service still starts (readiness reports it), there is nothing to attach to
            Log.debugf("Could not check the embedded PostgreSQL: %s", e.toString());
            return;
        }
        Instant processStarted = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        String refusal = refusal(port.get(), serverStarted, processStarted, dataDirectory);
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
    }

    /** Whether {@code jdbcUrl} points at the embedded server's port on this machine. */
    static boolean usesEmbedded(String jdbcUrl, int port) {
        return jdbcUrl.startsWith("jdbc:postgresql://localhost:" + port + "/")
                || jdbcUrl.startsWith("jdbc:postgresql://127.0.0.1:" + port + "/");
    }

    /** Why this instance must not use the server it reached, or null when the server is its own. */
    static String refusal(int port, Instant serverStarted, Instant processStarted, String dataDirectory) {
        if (!serverStarted.isBefore(processStarted.minus(TOLERANCE))) {
            return null;
        }
        return "Port " + port + " of the embedded PostgreSQL is held by another server (started " + serverStarted
                + ", before this instance; its data is in " + dataDirectory + "), most likely another xhs-graph "
                + "instance: this one would use that instance's database. Stop the other instance, or give this one a "
                + "database of its own (QUARKUS_DATASOURCE_* for a PostgreSQL server, or a build with another "
                + "QUARKUS_EMBEDDED_POSTGRESQL_PORT).";
    }
}
