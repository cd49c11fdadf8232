package com.xhsgraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.xhsgraph.graphql.type.NodeIds;
import com.xhsgraph.service.model.InvalidInputException;

/** The id forms clients may pass, and the global ids this service hands out. */
class IdsTest {

    private static final String USER = "5c2f338a000000000701e1c6";
    private static final String NOTE = "65bf5360000000002c03f684";

    @ParameterizedTest
    @ValueSource(strings = {USER, " 5C2F338A000000000701E1C6 ",
            "https://www.xiaohongshu.com/user/profile/5c2f338a000000000701e1c6",
            "https://www.xiaohongshu.com/user/profile/5c2f338a000000000701e1c6?xsec_token=YBw=&xsec_source=app_share",
            "http://xiaohongshu.com/user/profile/5c2f338a000000000701e1c6/",
            "https://www.rednote.com/user/profile/5c2f338a000000000701e1c6"})
    void userIdForms(String input) {
        assertThat(XhsIds.user(input)).isEqualTo(USER);
    }

    @ParameterizedTest
    @ValueSource(strings = {NOTE, "https://www.xiaohongshu.com/explore/65bf5360000000002c03f684",
            "https://www.xiaohongshu.com/explore/65bf5360000000002c03f684?xsec_token=abc",
            "https://www.xiaohongshu.com/discovery/item/65bf5360000000002c03f684",
            "https://www.xiaohongshu.com/user/profile/5c2f338a000000000701e1c6/65bf5360000000002c03f684"})
    void noteIdForms(String input) {
        assertThat(XhsIds.note(input)).isEqualTo(NOTE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "65bf5360", "zzbf5360000000002c03f684", "https://xhslink.com/a/AbCd",
            "https://evil.example/explore/65bf5360000000002c03f684",
            "https://www.xiaohongshu.com/user/profile/65bf5360000000002c03f684"})
    void refusedNoteIds(String input) {
        assertThatThrownBy(() -> XhsIds.note(input)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void globalIdsRoundTrip() {
        assertThat(NodeIds.decode(NodeIds.user(USER))).isEqualTo(new NodeIds.Ref("User", USER, null, null));
        assertThat(NodeIds.decode(NodeIds.note(NOTE))).isEqualTo(new NodeIds.Ref("Note", NOTE, null, null));
        String reply = "65bf659700000000080142ec";
        String root = "65bf56d3000000000803f4ec";
        assertThat(NodeIds.decode(NodeIds.comment(NOTE, reply, root)))
                .isEqualTo(new NodeIds.Ref("Comment", reply, NOTE, root));
        assertThat(NodeIds.user(USER)).isNotEqualTo(NodeIds.note(USER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "VXNlcjo", "Tm90ZTo2NWJm", "RmlzaDo2NWJmNTM2MDAwMDAwMDAwMmMwM2Y2ODQ"})
    void refusedGlobalIds(String id) {
        assertThatThrownBy(() -> NodeIds.decode(id)).isInstanceOf(InvalidInputException.class);
    }
}
