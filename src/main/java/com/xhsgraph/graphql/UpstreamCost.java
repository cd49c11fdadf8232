package com.xhsgraph.graphql;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

import io.smallrye.graphql.api.Directive;
import io.smallrye.graphql.api.DirectiveLocation;

/**
 * What resolving a field may cost in upstream calls, declared on its resolver: the one declaration the budget gate,
 * the dry run's plan and the tests read (from the schema, where SmallRye GraphQL puts it as the {@code @upstreamCost}
 * directive). A resolver that can call the upstream without one fails the build's tests.
 */
@Directive(on = DirectiveLocation.FIELD_DEFINITION)
@Retention(RUNTIME)
@Target(METHOD)
@Name("upstreamCost")
@Description("What resolving this field may cost in Just One API calls, when no fresh snapshot answers.")
public @interface UpstreamCost {

    /** The endpoint the field may call: one of {@link com.xhsgraph.service.model.Endpoint.Names}. */
    @Description("The Just One API endpoint the field may call.")
    String endpoint();

    /**
     * False: one call per object, shared by every field of that object that needs the same endpoint. True: the field
     * is a connection and costs one call per upstream page its {@code first} and {@code after} need.
     */
    @Description("True for a connection: one call per upstream page that `first` and `after` need. False: one call per object, shared by all its fields that need the same endpoint.")
    @DefaultValue("false")
    boolean pages() default false;

    /** The call is for the object that owns the connection this field is on (e.g. a creator's note count). */
    @Description("True when the call is made for the object owning the connection this field is on.")
    @DefaultValue("false")
    boolean ofOwner() default false;

    /**
     * Fields (as {@code Type.field}) through which the object arrives already knowing this field; through them it
     * costs nothing. An edge's {@code node} counts as its connection's {@code nodes}.
     */
    @Description("Fields (Type.field) through which the object arrives already knowing this field, making it free.")
    String[] freeVia() default {};

    /**
     * For a connection: an argument that filters the items, so that the walk may read pages until it has {@code first}
     * matching ones, up to the most pages one walk reads.
     */
    @Description("An argument that filters a connection's items: given, the walk may read up to its page limit.")
    String filteredBy() default "";

    /**
     * For a connection, {@code argument=VALUE}: with that value and no {@code after}, the first page may be asked for a
     * second time (comments: an empty {@code latest} page is asked for again in the default order).
     */
    @Description("`argument=VALUE`: with that value and no `after`, the first page may cost a second call.")
    String firstPageRetriedWhen() default "";
}
