package com.xhsgraph.graphql.gate;

import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.DirectiveInfo;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.usage.SchemaUsage;
import graphql.schema.usage.SchemaUsageSupport;

/**
 * {@code GET /graphql/schema.graphql}: the schema as SDL that builds on its own, for graphql-codegen and the Relay
 * compiler. It declares its scalars and the directives its fields carry (what each field may cost upstream), and
 * leaves out the definitions every GraphQL tool knows already ({@code @skip}, {@code @include}, ...) and the
 * directives and scalars SmallRye declares but no field uses: redeclaring built-ins is refused by some code generators.
 */
@ApplicationScoped
public class PublishedSchema {

    public static final String PATH = GraphQLEndpoint.PATH + "/schema.graphql";

    private final String sdl;

    PublishedSchema(GraphQLSchema schema) {
        this.sdl = print(schema);
    }

    /** The SDL of {@code schema}, with the definitions of the non-standard directives its elements apply. */
    static String print(GraphQLSchema schema) {
        SchemaUsage usage = SchemaUsageSupport.getSchemaUsage(schema);
        Set<String> applied = new TreeSet<>(usage.getDirectiveReferenceCounts().keySet());
        applied.removeIf(DirectiveInfo::isGraphqlSpecifiedDirective);
        SchemaPrinter.Options options = SchemaPrinter.Options.defaultOptions()
                .descriptionsAsHashComments(false)
                .includeScalarTypes(true)
                .includeIntrospectionTypes(false)
                .includeSchemaDefinition(false)
                .includeDirectiveDefinition(applied::contains)
                .includeSchemaElement(element -> !(element instanceof GraphQLScalarType scalar)
                        || usage.isStronglyReferenced(schema, scalar.getName()))
                .useAstDefinitions(false);
        return new SchemaPrinter(options).print(schema);
    }

    public String sdl() {
        return sdl;
    }

    void install(@Observes Router router) {
        router.route(PATH).order(GraphQLEndpoint.ORDER).method(HttpMethod.GET)
                .handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(sdl));
    }
}
