package com.xhsgraph.graphql.execution;

import static com.xhsgraph.support.Fixtures.id;
import static com.xhsgraph.support.UpstreamStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.xhsgraph.support.Fixtures;
import com.xhsgraph.support.GraphQLClient;
import com.xhsgraph.support.GraphTestBase;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLSchema;

/**
 * The contract with SmallRye GraphQL's internals this service relies on (all of them in this package). If a SmallRye
 * upgrade changes one, a test here fails instead of the service silently losing a guarantee.
 */
@QuarkusTest
@ConnectWireMock
class SmallRyeHooksContractTest extends GraphTestBase {

    /** By name: SmallRye keeps its eventing services across the restarts of a test run, in an earlier class loader. */
    private static final String DIRECT = DirectFields.Direct.class.getName();

    @Inject
    GraphQLSchema schema;

    /** DirectFields finds SmallRye's field fetchers and its model's accessors, and replaces exactly those. */
    @Test
    void plainFieldsAreReadDirectlyAndResolversAreLeftAlone() {
        for (String plain : new String[]{"Comment.content", "Comment.xhsId", "Comment.author", "CommentAuthor.nickname",
                "PageInfo.endCursor", "NoteConnection.nodes", "CommentEdge.node", "Image.url"}) {
            assertThat(fetcher(plain).getClass().getName()).as(plain).isEqualTo(DIRECT);
        }
        for (String other : new String[]{"Note.title", "User.nickname", "Comment.replies", "Comment.publishedAt"}) {
            assertThat(fetcher(other).getClass().getName()).as(other).isNotEqualTo(DIRECT);
        }
    }

    /**
     * GraphQLExecutor runs requests through SmallRye's ExecutionService the way its own handler does: the request's CDI
     * context reaches batched and asynchronous resolvers (one request-scoped cache across two aliased fields), the
     * metadata its data fetchers read is there (a Uni resolver runs), and this service writes the response (with what
     * it cost).
     */
    @Test
    void requestsRunThroughSmallRyeWithTheirContext() {
        String user = id("5c2f338a", 501);
        upstream.user(user, json(Fixtures.profile(user, 7)));

        JsonPath body = GraphQLClient.post("""
                query($id: String!) { a: user(id: $id) { nickname } b: user(id: $id) { followerCount } }
                """, Map.of("id", user)).jsonPath();

        assertThat(body.getList("errors")).as(body.prettify()).isNull();
        assertThat(body.getInt("data.b.followerCount")).isEqualTo(7);
        assertThat(body.getInt("extensions.upstream.calls")).as("one call shared through the request's cache")
                .isEqualTo(1);
    }

    @Inject
    io.smallrye.graphql.execution.ExecutionService executionService;

    /**
     * Execution runs the gate's checked document: CheckedDocuments replaced SmallRye's own (entry-bounded) document
     * cache as graphql-java's document provider, and SmallRye still passes the request's metadata (which carries the
     * document) into the GraphQL context.
     */
    @Test
    void executionRunsTheDocumentTheGateChecked() throws Exception {
        JsonPath body = GraphQLClient.post("query Named { __typename }").jsonPath();
        assertThat(body.getString("data.__typename")).isEqualTo("Query");

        Object service = io.quarkus.arc.ClientProxy.unwrap(executionService);
        java.lang.reflect.Field field = service.getClass().getDeclaredField("graphQL");
        field.setAccessible(true);
        graphql.GraphQL graphQL = (graphql.GraphQL) field.get(service);
        assertThat(graphQL.getPreparsedDocumentProvider().getClass().getName())
                .isEqualTo(CheckedDocuments.class.getName());
        // and SmallRye's request context reads the document's operation types through it, not from a parse of its own
        java.lang.reflect.Field queryCache = service.getClass().getDeclaredField("queryCache");
        queryCache.setAccessible(true);
        assertThat(queryCache.get(service)).isInstanceOf(CheckedDocuments.class);
        // (before SmallRye has put the metadata into the GraphQL context: the executor hands it over on its thread)
        graphql.ExecutionInput gated = graphql.ExecutionInput.newExecutionInput("query Named { __typename }").build();
        graphql.language.Document document = graphql.parser.Parser.parse("query Named { __typename }");
        var supplier = new io.smallrye.graphql.execution.context.DocumentSupplier(gated,
                (io.smallrye.graphql.execution.QueryCache) queryCache.get(service));
        java.util.concurrent.atomic.AtomicReference<graphql.language.Document> read = new java.util.concurrent.atomic.AtomicReference<>();
        CheckedDocuments.during("query Named { __typename }", document, () -> read.set(supplier.get()));
        assertThat(read.get()).isSameAs(document);
        CheckedDocuments.during("query Other { __typename }", document, () -> read.set(supplier.get()));
        assertThat(read.get()).as("another text is parsed, not given the checked document").isNotSameAs(document);

        graphql.language.Document checked = graphql.parser.Parser.parse("{ __typename }");
        graphql.ExecutionInput input = graphql.ExecutionInput.newExecutionInput("query Other { nothing }").build();
        input.getGraphQLContext().put(CheckedDocuments.KEY, checked);
        assertThat(new CheckedDocuments().getDocumentAsync(input, i -> {
            throw new AssertionError("parsed again");
        }).get().getDocument()).isSameAs(checked);
    }

    /** An ApiError's code reaches the response: SmallRye copies a GraphQLError's extensions into the error. */
    @Test
    void errorCodesReachTheResponse() {
        JsonPath body = GraphQLClient.post("query { user(id: \"nope\") { nickname } }").jsonPath();
        assertThat(body.getString("errors[0].extensions.code")).isEqualTo("INVALID_ARGUMENT");
        assertThat(body.prettify()).doesNotContain("Exception");
    }

    /**
     * UsedDataLoaders reads a loader's field from its name: SmallRye names the loader of each batched field
     * {@code Type_field}, and no type of the schema has an underscore in its name.
     */
    @Test
    void dataLoadersAreNamedByTheirTypeAndField() {
        io.smallrye.graphql.schema.model.Schema model = io.quarkus.arc.Arc.container()
                .instance(io.smallrye.graphql.schema.model.Schema.class).get();
        var names = new io.smallrye.graphql.execution.datafetcher.helper.BatchLoaderHelper();
        assertThat(model.getBatchOperations()).hasSizeGreaterThan(10);
        for (io.smallrye.graphql.schema.model.Operation operation : model.getBatchOperations()) {
            String name = names.getName(operation);
            String type = name.substring(0, name.indexOf('_'));
            String field = name.substring(name.indexOf('_') + 1);
            assertThat(schema.getObjectType(type)).as(name).isNotNull();
            assertThat(schema.getObjectType(type).getFieldDefinition(field)).as(name).isNotNull();
            assertThat(fetcher(type + "." + field)).as(name)
                    .isInstanceOf(io.smallrye.graphql.execution.datafetcher.BatchDataFetcher.class);
        }
    }

    @Test
    void onlyTheLoadersOfSelectedFieldsAreKept() {
        org.dataloader.DataLoaderRegistry registry = new org.dataloader.DataLoaderRegistry();
        for (String key : new String[]{"Note_title", "Note_likeCount", "User_nickname", "unnamed"}) {
            registry.register(key, org.dataloader.DataLoaderFactory
                    .newDataLoader((java.util.List<Object> keys) -> java.util.concurrent.CompletableFuture
                            .completedFuture(keys)));
        }
        UsedDataLoaders.keepOnly(registry, java.util.Set.of("Note.title", "Query.user", "User.notes"));
        assertThat(registry.getKeys()).containsExactlyInAnyOrder("Note_title", "unnamed");
    }

    private DataFetcher<?> fetcher(String coordinates) {
        String[] parts = coordinates.split("\\.");
        FieldCoordinates field = FieldCoordinates.coordinates(parts[0], parts[1]);
        return schema.getCodeRegistry().getDataFetcher(field, schema.getFieldDefinition(field));
    }
}
