package com.xhsgraph.graphql.type;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

import io.smallrye.graphql.api.Directive;
import io.smallrye.graphql.api.DirectiveLocation;

/**
 * The most items a list field (that is not a connection) returns: the budget gate multiplies what its items may cost
 * by it. A list that leads to paid fields without it (or a connection's {@code first}) fails at start-up.
 */
@Directive(on = DirectiveLocation.FIELD_DEFINITION)
@Retention(RUNTIME)
@Target({METHOD, FIELD})
@Name("listSize")
@Description("The most items this list returns.")
public @interface ListSize {

    @Description("The most items.")
    int max();
}
