package com.xhsgraph.access;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented as {@code Authorization: Bearer xhs_...}. */
final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
