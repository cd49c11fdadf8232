package com.xhsgraph.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * What can be checked of the container recipes without a Docker engine: pinned base images, a non-root user, ports
 * 8080 and 9000 (management), the production build, the fast-jar layout, and a build context that carries only sources.
 */
class ContainerImageRecipeTest {

    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file));
    }

    private static void assertPinnedNonRootOn8080(String dockerfile) {
        Matcher from = FROM.matcher(dockerfile);
        int images = 0;
        while (from.find()) {
            images++;
            assertThat(from.group(1)).as("base image pinned by tag").matches("[^:]+:[\\w.-]+")
                    .doesNotEndWith(":latest");
        }
        assertThat(images).isEqualTo(2);
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)\\s*$").matcher(dockerfile);
        String lastUser = null;
        while (user.find()) {
            lastUser = user.group(1);
        }
        assertThat(lastUser).as("runs as a numeric non-root user").matches("[1-9][0-9]*");
        assertThat(dockerfile).containsPattern("(?m)^EXPOSE 8080 9000$");
        assertThat(dockerfile).contains("-Dprod").contains("./mvnw");
    }

    @Test
    void jvmImage() throws IOException {
        String dockerfile = read("docker/Dockerfile.jvm");
        assertPinnedNonRootOn8080(dockerfile);
        assertThat(dockerfile).contains("jre").contains(":25.").contains("-XX:+UseCompactObjectHeaders");
        // the CI builds these bases from Debian packages under the same names (docker/build-bases.sh)
        assertThat(read("docker/build-bases.sh")).contains("FROM \\(eclipse-temurin:");
        for (String part : List.of("quarkus-app/lib/", "quarkus-app/*.jar", "quarkus-app/app/",
                "quarkus-app/quarkus/")) {
            assertThat(dockerfile).as("fast-jar part " + part).contains(part);
        }
        assertThat(dockerfile).contains("quarkus-run.jar");
    }

    @Test
    void nativeImage() throws IOException {
        String dockerfile = read("docker/Dockerfile.native");
        assertPinnedNonRootOn8080(dockerfile);
        assertThat(dockerfile).contains("mandrel").contains("-Dnative").contains("quarkus-micro-image")
                .contains("-runner");
    }

    @Test
    void theBuildContextCarriesOnlySources() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(".dockerignore")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(lines.get(0)).isEqualTo("*");
        assertThat(lines).contains("!src/", "!pom.xml", "!mvnw", "!.mvn/");
    }

    @Test
    void composeStartsTheServiceWithPostgres() throws IOException {
        String compose = read("docker/compose.yaml");
        assertThat(compose).contains("postgres:17").contains("dockerfile: docker/Dockerfile.jvm")
                .contains("QUARKUS_DATASOURCE_REACTIVE_URL").contains("JUSTONEAPI_TOKEN: ${JUSTONEAPI_TOKEN");
    }
}
