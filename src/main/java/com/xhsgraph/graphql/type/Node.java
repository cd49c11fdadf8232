package com.xhsgraph.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Interface;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** Relay's Node: anything with a global id that {@code Query.node} resolves without other input. */
@Interface
@Name("Node")
@Description("An object with a global id: pass it to Query.node to fetch the object again.")
public interface Node {

    @Id
    @NonNull
    @Description("Opaque global id, unique across all types.")
    String getId();
}
