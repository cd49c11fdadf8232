package com.xhsgraph.support;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.xhsgraph.service.fetch.FetchPipeline;

/**
 * Common ground of the tests that run the whole application: WireMock stands in for Just One API (every test stubs
 * what it needs), the embedded PostgreSQL holds the snapshots, and both start empty for each test.
 */
public abstract class GraphTestBase {

    /** Injected by {@code @ConnectWireMock} on the concrete test class. */
    protected WireMock wiremock;

    @Inject
    protected DataSource dataSource;

    @Inject
    protected FetchPipeline snapshots;

    protected UpstreamStub upstream;
    protected Database db;

    @BeforeEach
    void resetUpstreamAndDatabase() {
        upstream = new UpstreamStub(wiremock);
        upstream.reset();
        db = new Database(dataSource);
        db.clear();
        snapshots.forgetCached();
    }
}
