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
 * Every item of one list gets the same object from this field (every comment of a connection is on the same note), so
 * what that object costs counts once per list, not once per item. Read by the budget gate with {@link UpstreamCost}.
 */
@Directive(on = DirectiveLocation.FIELD_DEFINITION)
@Retention(RUNTIME)
@Target(METHOD)
@Name("sameForEveryItem")
@Description("Every item of one list gets the same object from this field: its cost counts once per list.")
public @interface SameForEveryItem {
}
