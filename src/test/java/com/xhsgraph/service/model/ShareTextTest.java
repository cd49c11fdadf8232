package com.xhsgraph.service.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Links in what users paste: share texts as the app writes them, and texts that only look like them. */
class ShareTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://xhslink.com/a/AbCd",
            "【小红书】春天的穿搭 😆 ZKmU3Zsf http://xhslink.com/a/AbCd 复制本条信息，打开【小红书】App查看精彩内容！",
            "【小红书】春天的穿搭 http://xhslink.com/a/AbCd，复制本条信息", "看看 http://xhslink.com/a/AbCd复制本条信息",
            "see https://xhslink.com/a/AbCd.", "(https://xhslink.com/a/AbCd)", "HTTPS://XHSLINK.COM/a/AbCd",
            "https://xhslink.com/a/AbCd?share_id=1#x", "https://www.xhslink.com/a/AbCd"})
    void findsTheShortLinkInAShareText(String text) {
        assertThat(ShareText.find(text)).hasValueSatisfying(link -> {
            assertThat(link.isShort()).isTrue();
            assertThat(link.url()).isEqualTo("http://xhslink.com/a/AbCd");
        });
        assertThat(ShareText.hasShortLink(text)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://www.xiaohongshu.com/explore/65bf5360000000002c03f684?xsec_token=x|https://www.xiaohongshu.com/explore/65bf5360000000002c03f684?xsec_token=x",
            "打开 https://www.xiaohongshu.com/user/profile/5c2f338a000000000701e1c6 看看|https://www.xiaohongshu.com/user/profile/5c2f338a000000000701e1c6",
            "https://www.rednote.com/explore/65bf5360000000002c03f684|https://www.rednote.com/explore/65bf5360000000002c03f684"})
    void findsAFullLinkWithoutCostingACall(String text, String url) {
        assertThat(ShareText.find(text)).hasValueSatisfying(link -> {
            assertThat(link.isShort()).isFalse();
            assertThat(link.url()).isEqualTo(url);
        });
        assertThat(ShareText.hasShortLink(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no link at all", "5c2f338a000000000701e1c6", "https://example.com/a/AbCd",
            "https://evil.example/xhslink.com/a/AbCd", "https://xhslink.com.evil.example/a/AbCd",
            "https://evilxhslink.com/a/AbCd", "ftp://xhslink.com/a/AbCd", "http://xhslink.com/", "http://xhslink.com",
            "http://xhslink.com/a/%2e%2e", "javascript:alert(1)//xhslink.com/a/x"})
    void findsNothingElse(String text) {
        assertThat(ShareText.find(text)).isEmpty();
        assertThat(ShareText.hasShortLink(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {2049, 100_000})
    void refusesTextsTooLongToBeAShareText(int length) {
        String text = "x".repeat(length) + " http://xhslink.com/a/AbCd";
        assertThatThrownBy(() -> ShareText.find(text)).isInstanceOf(InvalidInputException.class);
        assertThat(ShareText.hasShortLink(text)).isFalse();
    }
}
