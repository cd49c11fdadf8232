package com.xhsgraph.graphql;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

import io.smallrye.graphql.api.Directive;
import io.smallrye.graphql.api.DirectiveLocation;

/**
 * The field's {@link #argument()} also takes a share link ({@code xhslink.com}) or a pasted share text: a short link
 * costs one {@code share-url-transfer/v1} call the first time it is seen. Read by the budget gate.
 */
@Directive(on = DirectiveLocation.FIELD_DEFINITION)
@Retention(RUNTIME)
@Target(METHOD)
@Name("acceptsShareLinks")
@Description("This argument also takes a share link or a share text; a short link not seen before costs one call.")
public @interface AcceptsShareLinks {

    @Description("The argument that may hold a link.")
    String argument();
}
