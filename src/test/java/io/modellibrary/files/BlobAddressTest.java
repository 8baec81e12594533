package io.modellibrary.files;

import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.BadRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlobAddressTest {

    @Test
    void readsAnEncodedNamespacedName() {
        assertThat(BlobAddress.parse("/model/dslim%2Fbert-base-NER/blob/main/config/a.json"))
                .isEqualTo(new BlobAddress(RepoType.MODEL, "dslim/bert-base-NER", "main", "config/a.json"));
    }

    @Test
    void readsABareNameAndADecodedNamespacedName() {
        assertThat(BlobAddress.parse("/dataset/squad/blob/main/README.md"))
                .isEqualTo(new BlobAddress(RepoType.DATASET, "squad", "main", "README.md"));
        assertThat(BlobAddress.parse("/model/dslim/bert/blob/" + "a".repeat(40) + "/x.bin"))
                .isEqualTo(new BlobAddress(RepoType.MODEL, "dslim/bert", "a".repeat(40), "x.bin"));
    }

    @Test
    void refusesOtherShapes() {
        assertThatThrownBy(() -> BlobAddress.parse("model/x/blob/main/a")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> BlobAddress.parse("/model/x/tree/main/a")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> BlobAddress.parse("/space/x/blob/main/a")).isInstanceOf(BadRequestException.class);
    }

    @Test
    void aMalformedPercentEncodingIsABadRequestNamingFilepath() {
        for (String filepath : new String[] {"/model/alice%zz/blob/main/b.txt", "/model/alice/bert%/blob/main/b.txt"}) {
            assertThatThrownBy(() -> BlobAddress.parse(filepath)).isInstanceOf(BadRequestException.class)
                    .hasMessage("filepath: the repository name is not properly percent-encoded");
        }
    }
}
