package io.modellibrary.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Git LFS routes, as huggingface_hub and huggingface.js call them (docs/hub-api.md), and nothing else of the Hub's. */
class LfsRoutesTest {

    @Test
    void theBatchApiInfoRefsAndTheSignedTransferUrlsAreLfsRoutes() {
        assertThat(LfsRoutes.matches("/alice/bert.git/info/lfs/objects/batch")).isTrue();
        assertThat(LfsRoutes.matches("/datasets/alice/squad.git/info/lfs/objects/batch")).isTrue();
        assertThat(LfsRoutes.matches("/gpt2.git/info/lfs/objects/batch")).as("a namespace-less model").isTrue();
        assertThat(LfsRoutes.matches("/alice/bert.git/info/refs")).isTrue();
        assertThat(LfsRoutes.matches("/api/lfs/665f0c2a/9f86d081884c7d65/part/1")).isTrue();
    }

    @Test
    void otherHubRoutesAreNot() {
        assertThat(LfsRoutes.matches("/api/models/alice/bert/commit/main")).isFalse();
        assertThat(LfsRoutes.matches("/alice/bert/resolve/main/model.git/x")).isFalse();
        assertThat(LfsRoutes.matches("/api/lfs/")).isFalse();
        assertThat(LfsRoutes.matches(null)).isFalse();
    }
}
