package com.xhsgraph.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NumberFormat;
import org.junit.jupiter.api.Test;

import com.xhsgraph.graphql.type.Comment;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironmentImpl;

/** Which accessor a field is read from, and when the reading is left to SmallRye. */
public class DirectFieldsTest {

    public record Sample(String title, @Name("likes") Integer likeCount, @NumberFormat("#,###") Integer shares,
            Object anything, List<Sample> children, Instant publishedAt) {

        public String getId() {
            return "id-" + title;
        }

        @Name("renamedGetter")
        public Boolean flag() {
            return Boolean.TRUE;
        }
    }

    private static final Sample SAMPLE = new Sample("t", 3, 4, 5L, List.of(), Instant.EPOCH);

    @Test
    void readsRecordComponentsGettersAndRenamedAccessors() throws Exception {
        assertEquals("title", DirectFields.accessorMethod(Sample.class, "title").getName());
        assertEquals("likeCount", DirectFields.accessorMethod(Sample.class, "likes").getName());
        assertNull(DirectFields.accessorMethod(Sample.class, "likeCount"), "renamed by @Name: not under its Java name");
        assertEquals("getId", DirectFields.accessorMethod(Sample.class, "id").getName());
        assertEquals("flag", DirectFields.accessorMethod(Sample.class, "renamedGetter").getName());
        assertEquals("getId", DirectFields.accessorMethod(Comment.class, "id").getName());
        assertEquals("content", DirectFields.accessorMethod(Comment.class, "content").getName());
    }

    @Test
    void leavesFormattedAndUnknownFieldsToSmallRye() {
        assertNull(DirectFields.accessorMethod(Sample.class, "shares"),
                "@NumberFormat needs SmallRye's transformation");
        assertNull(DirectFields.accessorMethod(Sample.class, "nothing"));
    }

    @Test
    void returnsPlainValuesAndFallsBackForTheRest() throws Exception {
        AtomicInteger fallbacks = new AtomicInteger();
        DataFetcher<Object> fallback = env -> "fallback-" + fallbacks.incrementAndGet();

        assertEquals("t", scalar("title", fallback).get(env(SAMPLE)));
        assertEquals(3, scalar("likes", fallback).get(env(SAMPLE)));
        assertEquals("id-t", scalar("id", fallback).get(env(SAMPLE)));
        assertEquals(true, scalar("renamedGetter", fallback).get(env(SAMPLE)));
        assertNull(scalar("title", fallback).get(env(new Sample(null, 1, 1, null, null, null))));
        assertNull(scalar("title", fallback).get(env(null)));
        assertSame(SAMPLE.children(), new DirectFields.Direct("children", fallback, true).get(env(SAMPLE)));
        assertEquals(0, fallbacks.get());

        // a Long where an Int is declared, a formatted field, an unknown field, a date: SmallRye decides
        assertEquals("fallback-1", scalar("anything", fallback).get(env(SAMPLE)));
        assertEquals("fallback-2", scalar("shares", fallback).get(env(SAMPLE)));
        assertEquals("fallback-3", scalar("nothing", fallback).get(env(SAMPLE)));
        assertEquals("fallback-4", new DirectFields.Direct("publishedAt", fallback, true).get(env(SAMPLE)));
    }

    private static DirectFields.Direct scalar(String field, DataFetcher<?> fallback) {
        return new DirectFields.Direct(field, fallback, false);
    }

    private static graphql.schema.DataFetchingEnvironment env(Object source) {
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment().source(source).build();
    }
}
