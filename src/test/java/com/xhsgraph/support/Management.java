package com.xhsgraph.support;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests to the management interface ({@code /q/health}, {@code /q/metrics}), on a port of its own. */
public final class Management {

    private Management() {}

    /** The management interface's port in tests. */
    public static int port() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class)
                .orElse(9001);
    }

    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }
}
