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
 * An object this field returns with {@link #argument()} given is served from the snapshots only: its own fields cost
 * no upstream call (its connections still may). Read by the budget gate with {@link UpstreamCost}.
 */
@Directive(on = DirectiveLocation.FIELD_DEFINITION)
@Retention(RUNTIME)
@Target(METHOD)
@Name("fromSnapshotsWith")
@Description("With this argument given, the object's own fields come from the snapshots only and cost nothing.")
public @interface FromSnapshotsWith {

    @Description("The argument that switches to the snapshots.")
    String argument();
}
