package com.xhsgraph.upstream.justoneapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which upstream the service talks to, and when it refuses to start. */
class UpstreamTargetTest {

    @Test
    void aTokenMeansTheRealApi() {
        assertThat(UpstreamTarget.useDemo(true, Optional.empty(), false, true)).isFalse();
        assertThat(UpstreamTarget.useDemo(true, Optional.empty(), true, true)).isFalse();
    }

    @Test
    void devAndTestWithoutATokenServeTheDemo() {
        assertThat(UpstreamTarget.useDemo(false, Optional.empty(), true, true)).isTrue();
    }

    @Test
    void theDemoCanBeForcedOnOrOff() {
        assertThat(UpstreamTarget.useDemo(true, Optional.of(true), false, true)).isTrue();
        assertThat(UpstreamTarget.useDemo(true, Optional.of(false), true, true)).isFalse();
    }

    @Test
    void aPackagedRunWithNeitherTokenNorDemoRefusesToStart() {
        assertThatThrownBy(() -> UpstreamTarget.useDemo(false, Optional.empty(), false, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JUSTONEAPI_TOKEN").hasMessageContaining("XHS_DEMO_ENABLED");
        assertThatThrownBy(() -> UpstreamTarget.useDemo(false, Optional.of(false), true, true))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aProductionBuildWithoutATokenSaysSo() {
        assertThatThrownBy(() -> UpstreamTarget.useDemo(false, Optional.empty(), false, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("JUSTONEAPI_TOKEN")
                .hasMessageNotContaining("XHS_DEMO_ENABLED").hasMessageContaining("production build");
    }

    @Test
    void aBuildWithoutTheDemoCannotServeIt() {
        assertThatThrownBy(() -> UpstreamTarget.useDemo(false, Optional.of(true), false, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("production build");
    }
}
