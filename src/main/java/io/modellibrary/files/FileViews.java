package io.modellibrary.files;

import io.modellibrary.content.TreeEntry;
import io.modellibrary.content.RepoPath;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.modellibrary.common.Times;

import java.util.List;

/** The response bodies of the file reads. */
final class FileViews {

    private FileViews() {
    }

    /**
     * {@code data} of the seed's filesTable, with {@code numTotalItems} (entries in the folder)
     * and {@code cursor} (for the next page; absent on the last).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FilesTable(List<TableEntry> filesTable, Integer numTotalItems, String cursor) {
    }

    /** One row of the file table; folders have no size and no fileURL. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TableEntry(String key, String fileName, boolean isAFolder, String lastModified,
                      String lastModifiedInformation, Long size, String fileURL) {

        static TableEntry of(TreeEntry e, String fileUrl) {
            return new TableEntry(e.path(), RepoPath.of(e.path()).name(), e.folder(), Times.format(e.lastModified()),
                    e.lastModifiedInformation(), e.folder() ? null : e.size(), fileUrl);
        }
    }

    /** getBlob: a file's metadata and, for UTF-8 text up to 1 MB, its text. */
    record BlobView(String fileName, String path, String revision, String lastModified, String lastModifiedInformation,
                    long size, String sha256, String fileURL, boolean displayable, String displayData) {
    }

    /**
     * One file of a commit's diff. An added file has no {@code oldFileName} and an empty
     * {@code prevData}; a deleted one no {@code newFileName} and an empty {@code newData};
     * a side that is not UTF-8 text up to 1 MB has null data and {@code displayable} false.
     * Past the response's text budget an entry has null data, {@code displayable} false and
     * {@code truncated} true; {@code truncated} is left out when false.
     */
    record FileDiff(String oldFileName, String newFileName, String prevData, String newData,
                    String status, boolean displayable,
                    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean truncated) {

        static FileDiff truncated(String oldFileName, String newFileName, String status) {
            return new FileDiff(oldFileName, newFileName, null, null, status, false, true);
        }
    }
}
