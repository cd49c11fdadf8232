package com.xhsgraph.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

@Name("Gender")
@Description("The gender a creator's profile shows.")
public enum Gender {
    @Description("Female.")
    FEMALE, @Description("Male.")
    MALE, @Description("Not shown (also brand accounts).")
    UNKNOWN;

    /** The upstream's code: 0 male, 1 female, anything else not shown. */
    public static Gender of(Integer code) {
        if (code == null) {
            return null;
        }
        return code == 1 ? FEMALE : code == 0 ? MALE : UNKNOWN;
    }
}
