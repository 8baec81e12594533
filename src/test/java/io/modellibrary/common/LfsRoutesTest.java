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

    @Test
    void gitsDiscoveryWithoutDotGitIsAGetOrHeadToInfoRefsWithTheServiceParameter() {
        assertThat(discovery("GET", "/alice/bert/info/refs", "service=git-upload-pack")).isTrue();
        assertThat(discovery("HEAD", "/gpt2/info/refs", "service=git-receive-pack")).as("a namespace-less model").isTrue();
        assertThat(discovery("GET", "/datasets/alice/squad/info/refs", "service=git-upload-pack")).isTrue();
        assertThat(discovery("GET", "/datasets/squad/info/refs", "x=1&service")).as("the parameter without a value").isTrue();
        assertThat(discovery("GET", "/alice/bert/info/refs", "servic%65=git-upload-pack")).as("its name encoded").isTrue();

        assertThat(discovery("GET", "/alice/info/refs", null)).as("the branches page of alice/info").isFalse();
        assertThat(discovery("GET", "/alice/info/refs", "services=x")).isFalse();
        assertThat(discovery("POST", "/alice/info/refs", "service=git-upload-pack")).as("the page's new-branch form").isFalse();
        assertThat(discovery("GET", "/api/models/info/refs", "service=git-upload-pack")).as("the Hub refs of a model info").isFalse();
        assertThat(discovery("GET", "/a/b/c/info/refs", "service=git-upload-pack")).isFalse();
        assertThat(discovery("GET", "/alice/bert/refs", "service=git-upload-pack")).isFalse();
    }

    private static boolean discovery(String method, String path, String query) {
        var request = new org.springframework.mock.web.MockHttpServletRequest(method, path);
        request.setQueryString(query);
        return LfsRoutes.isGitDiscovery(request);
    }
}
