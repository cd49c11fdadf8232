package com.xhsgraph.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("NewClient")
@Description("A client just created, with its API key: the only time the key is shown (only its hash is stored).")
public record NewClient(
        @NonNull @Description("The client.") Client client,
        @NonNull @Description("Its API key, for `Authorization: Bearer <key>`. Keep it secret; it cannot be shown again.") String key) {}
