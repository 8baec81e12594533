package io.modellibrary.web;

import io.modellibrary.blob.DiskBlobStore;
import io.modellibrary.security.WebPages;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.EmptyCatalogueTest;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A file whose stored blob was emptied on disk is never shown as the file on its page (nor
 * offered for editing as an empty text): the web's 500 page saying the stored file is damaged,
 * and the one ERROR line a download logs, as {@code resolve} answers {@code StoredFileDamaged}.
 */
@EmptyCatalogueTest
@ExtendWith(OutputCaptureExtension.class)
class DamagedFilePageTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    DiskBlobStore blobs;

    @Test
    void aFileWithAnEmptiedBlobIsA500PageSayingItIsDamaged(CapturedOutput output) throws Exception {
        Accounts.SignedIn alice = accounts.signUp("wdmg");
        String repo = alice.username() + "/damaged";
        mvc.perform(post("/api/model").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + repo + "\",\"isPrivate\":false}")).andExpect(jsonPath("$.msg").value("success"));
        mvc.perform(put("/api/files/text").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + repo + "\",\"path\":\"notes.txt\",\"content\":\"a\\n\"}")).andExpect(jsonPath("$.msg").value("success"));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("a\n".getBytes(StandardCharsets.UTF_8)));
        try (RandomAccessFile file = new RandomAccessFile(blobs.path(sha).toFile(), "rw")) {
            file.setLength(0);
        }
        mvc.perform(get("/" + repo + "/resolve/main/notes.txt")).andExpect(status().isInternalServerError())
                .andExpect(header().string("X-Error-Code", "StoredFileDamaged"));
        int before = damagedLines(output);

        String page = mvc.perform(get("/" + repo + "/blob/main/notes.txt")).andExpect(status().isInternalServerError())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Stored file damaged")
                .contains("the stored content of notes.txt is missing or damaged; the server&#39;s operator has been told")
                .contains("app.css").doesNotContain("1 lines").doesNotContain("2 B");
        assertThat(damagedLines(output)).as("one ERROR line, as for a download").isEqualTo(before + 1);
        assertThat(output.getOut()).doesNotContain("web page /" + repo + "/blob/main/notes.txt failed");

        mvc.perform(get("/" + repo + "/edit/main/notes.txt").cookie(new Cookie(WebPages.SESSION_COOKIE, alice.token())))
                .andExpect(status().isInternalServerError());
    }

    private static int damagedLines(CapturedOutput output) {
        return (int) output.getOut().lines().filter(l -> l.contains("ERROR") && l.contains("Damaged blob store")).count();
    }
}
