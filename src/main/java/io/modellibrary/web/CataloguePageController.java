package io.modellibrary.web;

import io.modellibrary.catalog.RepoType;
import io.modellibrary.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The catalogue: models at {@code /} and {@code /models}, datasets at {@code /datasets}; with
 * {@code ?deleted=owner/name} (where the settings page's deletion form leads) a notice saying so
 * ({@link CataloguePages#deleted}).
 */
@Controller
class CataloguePageController {

    private final CataloguePages pages;

    CataloguePageController(CataloguePages pages) {
        this.pages = pages;
    }

    @GetMapping({"/", "/models"})
    String models(@RequestParam MultiValueMap<String, String> params, @AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("page", pages.page(RepoType.MODEL, params, user));
        model.addAttribute("deleted", pages.deleted(RepoType.MODEL, params.getFirst("deleted"), user).orElse(null));
        return "catalogue";
    }

    @GetMapping("/datasets")
    String datasets(@RequestParam MultiValueMap<String, String> params, @AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("page", pages.page(RepoType.DATASET, params, user));
        model.addAttribute("deleted", pages.deleted(RepoType.DATASET, params.getFirst("deleted"), user).orElse(null));
        return "catalogue";
    }
}
