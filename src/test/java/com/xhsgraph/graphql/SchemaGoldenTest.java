package com.xhsgraph.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The schema is the contract frontends code against: the generated schema must equal the committed golden file.
 * After an intended change, run the tests with {@code -DupdateSchema=true} and commit the new file.
 */
@QuarkusTest
class SchemaGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/schema.graphql");

    @Test
    void generatedSchemaEqualsTheGoldenFile() throws IOException {
        String generated = given().when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("updateSchema")) {
            Files.writeString(GOLDEN, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(GOLDEN)).as("golden file " + GOLDEN + " (create it with -DupdateSchema=true)")
                .isTrue();
        assertThat(generated).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    /** Frontends generate code from the published schema alone: it must parse and build without the server. */
    @Test
    void thePublishedSchemaIsValidSdlOnItsOwn() {
        String schema = given().when().get("/graphql/schema.graphql").then().extract().asString();
        graphql.schema.idl.TypeDefinitionRegistry registry = new graphql.schema.idl.SchemaParser().parse(schema);
        graphql.schema.GraphQLSchema built = graphql.schema.idl.UnExecutableSchemaGenerator
                .makeUnExecutableSchema(registry);
        assertThat(built.getType("DateTime")).isNotNull();
        assertThat(built.getDirective("upstreamCost")).as("the cost of each field is published").isNotNull();
        assertThat(schema).as("built-in and unused directives are not redeclared (code generators refuse that)")
                .doesNotContain("directive @skip").doesNotContain("directive @include")
                .doesNotContain("directive @deprecated").doesNotContain("directive @specifiedBy")
                .doesNotContain("directive @defer").doesNotContain("directive @constraint")
                .contains("scalar DateTime").as("admin-only fields say so")
                .contains("@rolesAllowed(value : \"admin\")");
    }

    @Test
    void theContractNamesArePresent() {
        String schema = given().when().get("/graphql/schema.graphql").then().extract().asString();
        assertThat(schema)
                .contains("interface Node {")
                .contains("node(\n")
                .contains("type User implements Node {")
                .contains("type Note implements Node {")
                .contains("type Comment implements Node {")
                .contains("type CommentAuthor {")
                .contains("notes(")
                .contains("order: CommentOrder = LATEST")
                .contains("replyTo: Comment")
                .contains("note: Note!")
                .contains("author: User!")
                .contains("author: CommentAuthor!")
                .contains("hasPreviousPage: Boolean!");
    }
}
