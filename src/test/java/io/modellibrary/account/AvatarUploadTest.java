package io.modellibrary.account;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Avatars are accepted by their bytes (PNG, JPEG, GIF, WebP up to 2 MB), served back with
 * their own type, and a refused one leaves neither a user nor a stored image; nothing but a
 * stored or bundled image is ever served.
 */
@FullStackTest
class AvatarUploadTest {

    private static final int TWO_MB = 2 * 1024 * 1024;

    @Autowired
    MockMvc mvc;
    @Autowired
    ModelLibraryProperties properties;
    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    static Stream<Arguments> acceptedImages() {
        return Stream.of(
                Arguments.of("png", Images.png(), "image/png"),
                Arguments.of("jpeg", Images.jpeg(), "image/jpeg"),
                Arguments.of("gif", Images.gif(), "image/gif"),
                Arguments.of("webp", Images.webp(), "image/webp"),
                Arguments.of("lossy webp", Images.webpLossy(), "image/webp"),
                Arguments.of("lossless webp", Images.webpLossless(), "image/webp"),
                Arguments.of("webp with transparency (extended form)", Images.webpWithAlpha(), "image/webp"),
                Arguments.of("jpeg named .png", Images.jpeg(), "image/jpeg"),
                Arguments.of("exactly 2 MB", Images.pngOfSize(TWO_MB), "image/png"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedImages")
    void acceptedImagesAreServedWithTheTypeOfTheirBytes(String label, byte[] bytes, String contentType) throws Exception {
        String token = register(Accounts.uniqueName("pic"), bytes).andExpect(jsonPath("$.code").value(1))
                .andReturn().getResponse().getHeader(HttpHeaders.AUTHORIZATION);

        MvcResult profile = mvc.perform(get("/api/personalInformation").with(Accounts.bearer(token))).andReturn();
        String url = com.jayway.jsonpath.JsonPath.read(profile.getResponse().getContentAsString(), "$.data.avatar");
        mvc.perform(get(url))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, contentType))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().stringValues("Content-Security-Policy", "default-src 'none'; sandbox"))
                .andExpect(content().bytes(bytes));
    }

    static Stream<Arguments> refusedUploads() {
        return Stream.of(
                Arguments.of("svg", "face.svg", "image/svg+xml",
                        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("html named .png", "face.png", "image/png",
                        "<html><body><script>alert(document.cookie)</script></body></html>".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("text named .png", "face.png", "image/png", "just some text".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("truncated png signature", "face.png", "image/png", new byte[]{(byte) 0x89, 'P', 'N', 'G'}),
                // only the leading bytes of an image (a newcomer's probe, session 17: accepted, then broken everywhere)
                Arguments.of("GIF89a-not-really named .png", "face.png", "image/png", "GIF89a-not-really".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("half a png", "face.png", "image/png", java.util.Arrays.copyOf(Images.png(), Images.png().length / 2)),
                Arguments.of("png signature then text", "face.png", "image/png", pngSignatureThen("not an image at all")),
                Arguments.of("jpeg markers only", "face.jpg", "image/jpeg", new byte[]{(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0, 0, 0}),
                Arguments.of("webp with a wrong RIFF length", "face.webp", "image/webp", java.util.Arrays.copyOf(Images.webp(), Images.webp().length + 4)),
                Arguments.of("webp cut short", "face.webp", "image/webp", java.util.Arrays.copyOf(Images.webpLossy(), 60)),
                Arguments.of("webp whose image chunk has an unknown name", "face.webp", "image/webp",
                        Images.overwritten(Images.webpLossy(), 12, "VP9 ")),
                Arguments.of("lossless webp without its signature", "face.webp", "image/webp",
                        Images.overwritten(Images.webpLossless(), 20, ".")),
                Arguments.of("webp 8193 pixels wide", "face.webp", "image/webp", Images.webpTooWide()),
                Arguments.of("empty file", "face.png", "image/png", new byte[0]));
    }

    private static byte[] pngSignatureThen(String text) {
        byte[] tail = text.getBytes(StandardCharsets.US_ASCII);
        byte[] out = java.util.Arrays.copyOf(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 8 + tail.length);
        System.arraycopy(tail, 0, out, 8, tail.length);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedUploads")
    void refusedUploadsAnswer400AndLeaveNothingBehind(String label, String fileName, String type, byte[] bytes) throws Exception {
        String name = Accounts.uniqueName("refused");
        long imagesBefore = avatarsStored();

        mvc.perform(multipart("/api/register/submitUserInfo").file(new MockMultipartFile("avatar", fileName, type, bytes))
                        .param("username", name).param("password", Accounts.PASSWORD))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value(startsWith("avatar ")))
                .andExpect(header().doesNotExist(HttpHeaders.AUTHORIZATION));

        assertNameStillFree(name);
        assertThat(avatarsStored()).isEqualTo(imagesBefore);
    }

    static Stream<Arguments> refusalMessages() {
        return Stream.of(
                Arguments.of(java.util.Arrays.copyOf(Images.png(), Images.png().length / 2), "avatar is not a valid PNG image: it cannot be read as one"),
                Arguments.of(java.util.Arrays.copyOf(Images.webpLossy(), 60), "avatar is not a valid WEBP image: it cannot be read as one"),
                Arguments.of(Images.overwritten(Images.webpLossy(), 12, "VP9 "), "avatar is not a valid WEBP image: it cannot be read as one"),
                Arguments.of(Images.webpTooWide(), "avatar is 8193×8 pixels; at most 8192 a side is accepted"));
    }

    /** A broken WebP is told in the words of any other broken image. */
    @ParameterizedTest
    @MethodSource("refusalMessages")
    void aRefusedImageSaysWhy(byte[] bytes, String message) throws Exception {
        register(Accounts.uniqueName("why"), bytes)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg").value(message));
    }

    @Test
    void anAvatarOverTwoMegabytesAnswers413AndLeavesNothingBehind() throws Exception {
        String name = Accounts.uniqueName("huge");
        long imagesBefore = avatarsStored();

        register(name, Images.pngOfSize(TWO_MB + 1))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value("avatar is larger than 2 MB"));

        assertNameStillFree(name);
        assertThat(avatarsStored()).isEqualTo(imagesBefore);
    }

    @Test
    void aFormWithAnEmptyUnnamedFilePartMeansNoAvatar() throws Exception {
        String token = mvc.perform(multipart("/api/register/submitUserInfo")
                        .file(new MockMultipartFile("avatar", "", "application/octet-stream", new byte[0]))
                        .param("username", Accounts.uniqueName("nofile")).param("password", Accounts.PASSWORD))
                .andExpect(jsonPath("$.code").value(1))
                .andReturn().getResponse().getHeader(HttpHeaders.AUTHORIZATION);

        mvc.perform(get("/api/personalInformation").with(Accounts.bearer(token)))
                .andExpect(jsonPath("$.data.avatar").value("/images/defaultAvatar.png"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "undefined"})
    void anAvatarSentAsTextRatherThanAFileMeansNoAvatar(String text) throws Exception {
        String token = mvc.perform(multipart("/api/register/submitUserInfo").param("avatar", text)
                        .param("username", Accounts.uniqueName("text")).param("password", Accounts.PASSWORD))
                .andExpect(jsonPath("$.code").value(1))
                .andReturn().getResponse().getHeader(HttpHeaders.AUTHORIZATION);

        mvc.perform(get("/api/personalInformation").with(Accounts.bearer(token)))
                .andExpect(jsonPath("$.data.avatar").value("/images/defaultAvatar.png"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/images/../jwt-secret", "/images/..%2fjwt-secret", "/images/%2e%2e/jwt-secret",
            "/images/%2e%2e%2fjwt-secret", "/images/..%5cjwt-secret", "/images/%252e%252e%252fjwt-secret",
            "/images/..;/jwt-secret", "/images/jwt-secret", "/images/mongo.mv", "/images/%2fetc%2fpasswd",
            "/images/defaultAvatar.png%00.svg", "/images/.upload-1.tmp", "/images/x.svg", "/images/"})
    void pathsOutsideTheImagesFolderAreNeverServed(String path) throws Exception {
        String secret = io.modellibrary.support.DataDirSecret.read(properties.dataDir());

        MvcResult result = mvc.perform(get(URI.create(path))).andReturn();

        assertThat(result.getResponse().getStatus()).isIn(400, 404);
        assertThat(result.getResponse().getContentAsString()).doesNotContain(secret).doesNotContain("root:");
    }

    @Test
    void anUnknownImageAnswers404InTheEnvelope() throws Exception {
        mvc.perform(get("/images/0123456789abcdef0123456789abcdef.png"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.msg").value(containsString("no such image")));
    }

    private ResultActions register(String name, byte[] avatar) throws Exception {
        return mvc.perform(multipart("/api/register/submitUserInfo")
                .file(new MockMultipartFile("avatar", "face.png", "image/png", avatar))
                .param("username", name).param("password", Accounts.PASSWORD).param("team", ""));
    }

    private long avatarsStored() {
        return mongo.getCollection(AvatarStore.COLLECTION).countDocuments();
    }

    private void assertNameStillFree(String name) throws Exception {
        mvc.perform(post("/api/register/verifyUsername").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + name + "\"}"))
                .andExpect(jsonPath("$.msg").value("verification successful"));
    }

}
