package io.modellibrary.hub;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Repository information and lists in the Hub's shape: {@code GET /api/{models|datasets}/{id}},
 * {@code .../revision/{rev}} ({@link HubInfo}) and {@code GET /api/{models|datasets}} ({@link HubListing},
 * paged with an absolute {@code Link: <...>; rel="next"}). {@code expand}, {@code expand[]},
 * {@code full}, {@code cardData}, {@code securityStatus} and other Hub options are accepted and
 * ignored (every field is answered); {@code blobs=true} adds sizes and LFS data to {@code siblings}.
 */
@RestController
@Tag(name = "Hugging Face Hub")
class HubRepoController {

    private final HubInfo info;
    private final HubListing listing;

    HubRepoController(HubInfo info, HubListing listing) {
        this.info = info;
        this.listing = listing;
    }

    @GetMapping({"/api/{type:models|datasets|spaces}/{namespace}/{name}", "/api/{type:models|datasets|spaces}/{name}",
            "/api/{type:models|datasets|spaces}/{namespace}/{name}/revision/{revision}",
            "/api/{type:models|datasets|spaces}/{name}/revision/{revision}"})
    @Operation(summary = "A repository at a revision (default: main), as the Hub describes it")
    HubInfo.RepoInfo info(@PathVariable String type, @PathVariable(required = false) String namespace,
                          @PathVariable String name, @PathVariable(required = false) String revision,
                          @RequestParam(required = false) String blobs, @AuthenticationPrincipal CurrentUser user) {
        return info.info(HubRepoId.of(type, namespace, name), revision, isTrue(blobs), user);
    }

    @GetMapping("/api/{type:models|datasets}")
    @Operation(summary = "Models or datasets, filtered by author and search, sorted, paged by Link")
    List<HubInfo.RepoInfo> list(@PathVariable String type, @RequestParam(required = false) String author,
                                @RequestParam(required = false) String search, @RequestParam(required = false) String sort,
                                @RequestParam(required = false) String direction,
                                @RequestParam(required = false) Integer limit, @RequestParam(required = false) String offset,
                                @AuthenticationPrincipal CurrentUser user,
                                HttpServletRequest request, HttpServletResponse response) {
        int size = limit == null ? HubListing.DEFAULT_LIMIT : limit;
        long skip = parseOffset(offset);
        HubListing.Page page = listing.list(HubRepoId.type(type), author, search, sort, direction, size, skip, user);
        if (page.more()) {
            HubLinks.next(request, response, "offset", Long.toString(skip + size));
        }
        return page.items();
    }

    private static long parseOffset(String offset) {
        if (offset == null || offset.isBlank()) {
            return 0;
        }
        try {
            long value = Long.parseLong(offset);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw new BadRequestException("offset must be a whole number of at least 0");
    }

    /** Python's {@code True}, httpx's {@code true}, {@code 1}. */
    static boolean isTrue(String value) {
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1"));
    }
}
