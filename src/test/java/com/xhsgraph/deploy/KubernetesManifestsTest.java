package com.xhsgraph.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.xhsgraph.support.Management;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Renders each overlay with {@code kubectl kustomize} and checks what a cluster would only reveal too late: the probe
 * paths and port answer in this application, every environment variable is one the application reads, no Secret
 * carries a real-looking value, images are pinned by tag, and every container has resources and a locked-down
 * security context.
 */
@QuarkusTest
class KubernetesManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern PLACEHOLDER = Pattern.compile(".*REPLACE_ME.*");
    private static final Pattern PROPERTY_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)[:}]");

    static List<JsonNode> render(String overlay) throws IOException, InterruptedException {
        boolean installed = java.util.Arrays
                .stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kubectl")));
        if (System.getenv("CI") == null) {
            org.junit.jupiter.api.Assumptions.assumeTrue(installed, "install kubectl to check the manifests");
        }
        assertThat(installed).as("CI installs kubectl (.ci/run)").isTrue();
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", "k8s/overlays/" + overlay)
                .redirectErrorStream(true).start();
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as(out).isZero();
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(out)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
        }
        return documents;
    }

    private static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    private static List<JsonNode> containers(List<JsonNode> documents) {
        List<JsonNode> containers = new ArrayList<>();
        for (JsonNode d : documents) {
            d.at("/spec/template/spec/containers").forEach(containers::add);
        }
        return containers;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void probesPointAtHealthPathsThatAnswerOnTheContainerPort(String overlay) throws Exception {
        JsonNode app = ofKind(render(overlay), "Deployment").get(0).at("/spec/template/spec/containers/0");
        assertThat(app.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(app.at("/ports/0/name").asText()).isEqualTo("http");
        // health and metrics live on the management interface of a packaged application (its default port)
        assertThat(app.at("/ports/1/containerPort").asInt()).isEqualTo(9000);
        assertThat(app.at("/ports/1/name").asText()).isEqualTo("management");
        JsonNode deployment = ofKind(render(overlay), "Deployment").get(0);
        assertThat(deployment.at("/spec/template/metadata/annotations/prometheus.io~1port").asText()).isEqualTo("9000");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String path = app.at("/" + probe + "/httpGet/path").asText();
            assertThat(app.at("/" + probe + "/httpGet/port").asText()).isEqualTo("management");
            assertThat(path).startsWith("/q/health/");
            Management.given().when().get(path).then().statusCode(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyEnvironmentVariableIsOneTheApplicationReads(String overlay) throws Exception {
        Set<String> known = knownEnvironmentVariables();
        List<JsonNode> documents = render(overlay);
        Set<String> used = new HashSet<>();
        for (JsonNode container : containers(ofKind(documents, "Deployment"))) {
            container.path("env").forEach(e -> used.add(e.path("name").asText()));
        }
        for (JsonNode map : ofKind(documents, "ConfigMap")) {
            map.path("data").fieldNames().forEachRemaining(used::add);
        }
        assertThat(used).isNotEmpty().allSatisfy(name -> assertThat(known).as("known variables").contains(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noSecretCarriesARealLookingValue(String overlay) throws Exception {
        List<JsonNode> secrets = new ArrayList<>(ofKind(render(overlay), "Secret"));
        secrets.add(YAML.readTree(Files.readString(Path.of("k8s/base/secret.example.yaml"))));
        for (JsonNode secret : secrets) {
            secret.path("stringData").fields().forEachRemaining(
                    e -> assertValueIsSafe(secret, e.getKey(), e.getValue().asText()));
            secret.path("data").fields().forEachRemaining(e -> assertValueIsSafe(secret, e.getKey(),
                    new String(java.util.Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
        }
        assertThat(secrets).isNotEmpty();
    }

    private static void assertValueIsSafe(JsonNode secret, String key, String value) {
        boolean sensitive = key.contains("TOKEN") || key.contains("PASSWORD");
        if (sensitive) {
            assertThat(value).as(secret.at("/metadata/name").asText() + "." + key).matches(PLACEHOLDER);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void imagesArePinnedAndContainersAreBoundedAndLockedDown(String overlay) throws Exception {
        List<JsonNode> documents = render(overlay);
        List<JsonNode> containers = new ArrayList<>(containers(ofKind(documents, "Deployment")));
        containers.addAll(containers(ofKind(documents, "StatefulSet")));
        assertThat(containers).isNotEmpty();
        for (JsonNode c : containers) {
            String image = c.path("image").asText();
            assertThat(image).as("image pinned by tag").matches("[^:@]+(:[\\w.-]+|@sha256:[0-9a-f]{64})")
                    .doesNotEndWith(":latest");
            for (String r : List.of("/resources/requests/cpu", "/resources/requests/memory", "/resources/limits/cpu",
                    "/resources/limits/memory")) {
                assertThat(c.at(r).asText()).as(c.path("name").asText() + r).isNotBlank();
            }
            assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(StreamSupport.stream(c.at("/securityContext/capabilities/drop").spliterator(), false)
                    .map(JsonNode::asText)).contains("ALL");
        }
        JsonNode app = ofKind(documents, "Deployment").get(0);
        assertThat(app.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(app.at("/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem").asBoolean())
                .isTrue();
        assertThat(ofKind(documents, "HorizontalPodAutoscaler")).hasSize(1);
        assertThat(ofKind(documents, "PodDisruptionBudget")).hasSize(1);
        JsonNode policy = ofKind(documents, "NetworkPolicy").get(0);
        assertThat(policy.at("/spec/policyTypes").toString()).contains("Egress");
        assertThat(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("xhs-graph");
        // both base URLs the README offers are reachable: HTTPS, and the mainland address on plain HTTP 30015
        String egress = policy.at("/spec/egress").toString();
        assertThat(egress).contains("\"port\":443").contains("\"port\":30015").contains("47.117.133.51/32");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlaysDifferAsDocumented(String overlay) throws Exception {
        List<JsonNode> documents = render(overlay);
        JsonNode app = ofKind(documents, "Deployment").get(0);
        if ("dev".equals(overlay)) {
            assertThat(app.at("/spec/replicas").asInt()).isEqualTo(1);
            assertThat(ofKind(documents, "StatefulSet")).hasSize(1);
            assertThat(app.at("/spec/template/spec/containers/0/image").asText()).endsWith("-jvm");
        } else {
            assertThat(app.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(ofKind(documents, "StatefulSet")).isEmpty();
            assertThat(ofKind(documents, "Secret")).as("the operator creates it from secret.example.yaml").isEmpty();
            assertThat(app.at("/spec/template/spec/containers/0/image").asText()).endsWith("-native");
        }
    }

    /** Environment variable names of every property the application reads, and of the names it references. */
    private static Set<String> knownEnvironmentVariables() throws IOException {
        Set<String> known = new HashSet<>();
        for (String name : ConfigProvider.getConfig().getPropertyNames()) {
            known.add(name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
        }
        Matcher m = PROPERTY_REFERENCE.matcher(Files.readString(Path.of("src/main/resources/application.properties")));
        while (m.find()) {
            known.add(m.group(1));
        }
        return known;
    }
}
