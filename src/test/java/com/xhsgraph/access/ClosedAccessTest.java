package com.xhsgraph.access;

import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.NOTES;
import static com.xhsgraph.support.UpstreamStub.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.xhsgraph.service.DocumentService;
import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;

/**
 * Closed as a production service is: a key (or a token of the configured OIDC issuer) is needed, and only documents an
 * admin trusted run. Every refusal costs 0 calls. The OIDC issuer is stood in for by a key pair made for these tests
 * ({@code src/test/resources/oidc}).
 */
@QuarkusTest
@ConnectWireMock
@TestProfile(ClosedAccessTest.Closed.class)
class ClosedAccessTest extends GraphTestBase {

    public static class Closed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("xhs.access.require-key", "true",
                    "xhs.graph.trusted-documents-only", "true",
                    "xhs.access.oidc-daily-budget", "77",
                    "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.public-key", publicKey(),
                    "quarkus.oidc.token.issuer", ISSUER);
        }
    }

    static final String ISSUER = "https://issuer.test";
    private static final String ADMIN = GraphQLClient.ADMIN_KEY;
    private static final String DOCUMENT = """
            query Notes($id: String!) { user(id: $id) { notes(first: 2, maxAge: 0) { nodes { xhsId } } } }""";

    private static String publicKey() {
        return resource("/oidc/test-signing-key.pub.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private static String resource(String name) {
        try (InputStream in = ClosedAccessTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(String subject, Set<String> groups) {
        return Jwt.issuer(ISSUER).subject(subject).groups(groups).expiresIn(300)
                .sign("oidc/test-signing-key.pem");
    }

    private String stubbedUser(int n) {
        String user = id("5c2f338a", n);
        upstream.notes(user, null, json(Fixtures.notePage(user, List.of(id("6a7e9ff6", n * 10), id("6a7e9ff6",
                n * 10 + 1)), false, true)));
        return user;
    }

    private static Response post(String bearer, Map<String, Object> body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (bearer != null) {
            request = request.header("Authorization", "Bearer " + bearer);
        }
        return request.when().post("/graphql").then().extract().response();
    }

    @Test
    void withoutAKeyNothingRuns() {
        String user = stubbedUser(401);

        Response refused = post(null, Map.of("query", DOCUMENT, "variables", Map.of("id", user)));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(refused.jsonPath().getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        given().when().get("/graphql?query=%7Bviewer%7Bname%7D%7D").then().statusCode(401);
        assertThat(upstream.totalCalls()).isZero();
    }

    @Test
    void onlyTrustedDocumentsRunForClients() {
        String user = stubbedUser(402);
        String key = GraphQLClient.postAs(ADMIN, """
                mutation { createClient(name: "mobile-app", dailyBudget: 100) { key } }""", Map.of()).jsonPath()
                .getString("data.createClient.key");
        String hash = DocumentService.sha256(DOCUMENT);
        Map<String, Object> byHash = Map.of("variables", Map.of("id", user), "extensions",
                Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));

        Response untrusted = post(key, Map.of("query", DOCUMENT, "variables", Map.of("id", user)));
        assertThat(untrusted.statusCode()).isEqualTo(403);
        assertThat(untrusted.jsonPath().getString("errors[0].extensions.code")).isEqualTo("DOCUMENT_NOT_TRUSTED");
        Response registering = post(key, Map.of("query", DOCUMENT, "variables", Map.of("id", user), "extensions",
                byHash.get("extensions")));
        assertThat(registering.statusCode()).as("clients register nothing").isEqualTo(403);
        assertThat(post(key, byHash).jsonPath().getString("errors[0].extensions.code"))
                .isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        assertThat(upstream.totalCalls()).isZero();

        JsonPath trusted = GraphQLClient.postAs(ADMIN, "mutation($d: [String!]!) { trustDocuments(documents: $d) }",
                Map.of("d", List.of(DOCUMENT))).jsonPath();
        assertThat(trusted.getList("data.trustDocuments")).containsExactly(hash);

        Response byItsHash = post(key, byHash);
        assertThat(byItsHash.statusCode()).isEqualTo(200);
        assertThat(byItsHash.jsonPath().getList("data.user.notes.nodes")).hasSize(2);
        Response inFull = post(key, Map.of("query", DOCUMENT, "variables", Map.of("id", user)));
        assertThat(inFull.jsonPath().getList("data.user.notes.nodes")).hasSize(2);
        assertThat(upstream.calls(NOTES)).isEqualTo(2);
    }

    @Test
    void adminsRunAnyDocument() {
        String user = stubbedUser(403);

        JsonPath body = GraphQLClient
                .postAs(ADMIN, "query($id: String!) { user(id: $id) { notes(first: 2) { nodes { xhsId } } } }",
                        Map.of("id", user))
                .jsonPath();

        assertThat(body.getList("errors")).isNull();
        assertThat(body.getList("data.user.notes.nodes")).hasSize(2);
    }

    @Test
    void aTokenOfTheConfiguredIssuerIsAClientNamedAfterItsSubject() {
        String viewer = "{ viewer { name role dailyLimit } }";
        GraphQLClient.postAs(ADMIN, "mutation($d: [String!]!) { trustDocuments(documents: $d) }",
                Map.of("d", List.of(viewer, "{ clients { name } }")));

        JsonPath analyst = post(token("analyst-7", Set.of()), Map.of("query", viewer)).jsonPath();
        assertThat(analyst.getString("data.viewer.name")).isEqualTo("analyst-7");
        assertThat(analyst.getString("data.viewer.role")).isEqualTo("client");
        assertThat(analyst.getInt("data.viewer.dailyLimit")).isEqualTo(77);
        assertThat(post(token("analyst-7", Set.of()), Map.of("query", "{ clients { name } }")).jsonPath()
                .getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");

        JsonPath operator = post(token("ops-1", Set.of("xhs-admin")), Map.of("query", "{ clients { name } }"))
                .jsonPath();
        assertThat(operator.getList("errors")).isNull();
        assertThat(operator.getList("data.clients.name")).contains("admin");

        String forged = Jwt.issuer("https://elsewhere.test").subject("analyst-7").expiresIn(300)
                .sign("oidc/test-signing-key.pem");
        assertThat(post(forged, Map.of("query", viewer)).statusCode()).as("another issuer").isEqualTo(401);
        String expired = Jwt.issuer(ISSUER).subject("analyst-7").issuedAt(1_000_000L).expiresAt(1_000_300L)
                .sign("oidc/test-signing-key.pem");
        assertThat(post(expired, Map.of("query", viewer)).statusCode()).as("expired").isEqualTo(401);
    }
}
