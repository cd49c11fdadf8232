package com.xhsgraph.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("UserTag")
@Description("A tag on a creator's profile, e.g. an age, a location or a profession.")
public record UserTag(
        @Description("The kind: info, location or profession.") String type,
        @NonNull @Description("The text shown.") String name) {}
