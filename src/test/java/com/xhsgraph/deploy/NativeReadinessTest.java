package com.xhsgraph.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.xhsgraph.service.fetch.PageCursor;
import com.xhsgraph.service.model.ImageData;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native image needs beyond what Quarkus registers by itself: every record Jackson reads or writes by
 * reflection is registered, and the resources read from the classpath at run time are included.
 */
class NativeReadinessTest {

    @Test
    void everyVendorRecordIsRegisteredForReflection() throws IOException {
        Path dto = Path.of("src/main/java/com/xhsgraph/upstream/justoneapi/dto");
        List<String> records;
        try (Stream<Path> files = Files.list(dto)) {
            records = files.map(p -> p.getFileName().toString().replace(".java", "")).toList();
        }
        assertThat(records).hasSizeGreaterThan(10);
        for (String name : records) {
            Class<?> type;
            try {
                type = Class.forName("com.xhsgraph.upstream.justoneapi.dto." + name);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
            assertThat(type.isAnnotationPresent(RegisterForReflection.class)).as(name).isTrue();
        }
    }

    @Test
    void recordsStoredAsJsonAreRegistered() throws ClassNotFoundException {
        Class<?> mapping = Class.forName("com.xhsgraph.snapshot.SnapshotMapping");
        assertThat(mapping.getAnnotation(RegisterForReflection.class).targets()).contains(ImageData.class);
        Class<?> payload = Class.forName(PageCursor.class.getName() + "$Payload");
        assertThat(payload.isAnnotationPresent(RegisterForReflection.class)).isTrue();
    }

    @Test
    void classpathResourcesReadAtRunTimeAreIncluded() throws IOException {
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        assertThat(properties).contains("quarkus.native.resources.includes=demo/**");
        assertThat(properties).contains("quarkus.smallrye-graphql.ui.always-include=true");
        try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
            // Flyway's extension registers db/migration for native images by itself
            assertThat(migrations.map(Path::toString)).allMatch(n -> n.matches(".*/V\\d+__\\w+\\.sql"));
        }
    }
}
