package com.xhsgraph.graphql.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.graphql.schema.model.AdaptWith;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.Transformation;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironmentImpl;

/** Which fields are read straight from their accessor, and when the reading is left to SmallRye. */
class DirectFieldsTest {

    public record Sample(String title, Integer likeCount, Object anything, List<Sample> children,
            Instant publishedAt) {

        public String getId() {
            return "id-" + title;
        }
    }

    private static final Sample SAMPLE = new Sample("t", 3, 5L, List.of(), Instant.EPOCH);

    private static Field field(String method) {
        return new Field(method, method, method, new Reference());
    }

    @Test
    void readsTheAccessorSmallRyesModelNames() {
        assertNotNull(DirectFields.plainAccessor(Sample.class, field("title")));
        assertNotNull(DirectFields.plainAccessor(Sample.class, field("getId")));
        assertNull(DirectFields.plainAccessor(Sample.class, field("nothing")), "no such method");
        assertNull(DirectFields.plainAccessor(Sample.class, new Field(null, "title", "title", new Reference())),
                "read as a property, not through a method");
    }

    @Test
    void leavesTransformedAndAdaptedFieldsToSmallRye() {
        Field formatted = field("likeCount");
        formatted.setTransformation(new Transformation());
        assertNull(DirectFields.plainAccessor(Sample.class, formatted), "a format needs SmallRye's transformation");
        Field adapted = field("likeCount");
        adapted.setAdaptWith(new AdaptWith());
        assertNull(DirectFields.plainAccessor(Sample.class, adapted), "an adapter needs SmallRye");
    }

    @Test
    void returnsPlainValuesAndFallsBackForTheRest() throws Exception {
        AtomicInteger fallbacks = new AtomicInteger();
        DataFetcher<Object> fallback = env -> "fallback-" + fallbacks.incrementAndGet();

        assertEquals("t", direct("title", fallback, false).get(env(SAMPLE)));
        assertEquals(3, direct("likeCount", fallback, false).get(env(SAMPLE)));
        assertEquals("id-t", direct("getId", fallback, false).get(env(SAMPLE)));
        assertNull(direct("title", fallback, false).get(env(new Sample(null, 1, null, null, null))));
        assertNull(direct("title", fallback, false).get(env(null)));
        assertSame(SAMPLE.children(), direct("children", fallback, true).get(env(SAMPLE)));
        assertEquals(0, fallbacks.get());

        // a Long where an Int is declared, a date, a source of another class: SmallRye decides
        assertEquals("fallback-1", direct("anything", fallback, false).get(env(SAMPLE)));
        assertEquals("fallback-2", direct("publishedAt", fallback, true).get(env(SAMPLE)));
        assertEquals("fallback-3", direct("title", fallback, false).get(env("not a sample")));
    }

    private static DirectFields.Direct direct(String method, DataFetcher<?> fallback, boolean composite) {
        return new DirectFields.Direct(Sample.class, DirectFields.plainAccessor(Sample.class, field(method)), fallback,
                composite);
    }

    private static graphql.schema.DataFetchingEnvironment env(Object source) {
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment().source(source).build();
    }
}
