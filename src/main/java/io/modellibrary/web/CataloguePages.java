package io.modellibrary.web;

import io.modellibrary.catalog.CatalogQuery;
import io.modellibrary.catalog.CatalogService;
import io.modellibrary.catalog.LabelService;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.catalog.SortType;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The catalogue page, from the same services as {@code GET /api/modelList}: {@link CatalogService}
 * with a {@link CatalogQuery} (facets, name fragment, sort, 30 a page) for the cards and
 * {@link LabelService} for the facet filters.
 */
@Service
class CataloguePages {

    /** Labels of one facet offered as filters (the selected ones are always shown). */
    static final int LABELS_PER_FACET = 14;
    /** What {@link #deleted} looks at: a name, or namespace and name, of the characters repository names use. */
    private static final Pattern DELETED_NAME = Pattern.compile("[A-Za-z0-9._-]{1,96}(/[A-Za-z0-9._-]{1,96})?");

    private final CatalogService catalog;
    private final LabelService labels;

    CataloguePages(CatalogService catalog, LabelService labels) {
        this.catalog = catalog;
        this.labels = labels;
    }

    /**
     * A catalogue page.
     *
     * @param params the query: {@code q}, {@code sort}, {@code p} and the facets (each label a value, or comma-separated)
     */
    WebViews.CataloguePage page(RepoType type, MultiValueMap<String, String> params, CurrentUser user) {
        String q = first(params, "q");
        SortType sort = SortType.parse("sort", first(params, "sort"));
        int page = Math.max(1, parsePage(first(params, "p")));
        Map<String, String> raw = new LinkedHashMap<>();
        for (String facet : type.facets()) {
            List<String> values = params.get(facet);
            if (values != null) {
                raw.put(facet, String.join(",", values));
            }
        }
        Map<String, List<String>> selected = CatalogQuery.facets(type, raw);
        CatalogService.RepoPage found = catalog.page(new CatalogQuery(type, selected, q, sort, page), user);
        Map<String, List<String>> all = labels.labels(type, user);
        Map<String, String> taskNames = taskNames(all);
        List<WebViews.Card> cards = found.repos().stream().map(repo -> card(repo, taskNames)).toList();
        String base = type == RepoType.DATASET ? "/datasets" : "/models";
        int pages = (int) Math.max(1, (found.total() + CatalogQuery.PAGE_SIZE - 1) / CatalogQuery.PAGE_SIZE);
        List<WebViews.PageLink> links = Pager.links(page, pages, p -> url(base, q, sort, selected, p));
        return new WebViews.CataloguePage(type.id(), type == RepoType.DATASET ? "Datasets" : "Models", cards, found.total(),
                q == null ? "" : q, sort.id(), Arrays.stream(SortType.values()).map(SortType::id).toList(),
                facets(type, selected, all), links, base);
    }

    /**
     * The repository the catalogue's notice says was deleted ({@code ?deleted=owner/name} after the settings
     * page's deletion form): empty for none, for a value that is no repository name, and while a repository of
     * that name is there for the caller to see, so that a hand-made link cannot claim a deletion of one that is.
     */
    Optional<String> deleted(RepoType type, String name, CurrentUser user) {
        if (name == null || !DELETED_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        try {
            catalog.find(type, name, user);
            return Optional.empty();
        } catch (NoSuchItemException gone) {
            return Optional.of(name);
        } catch (BadRequestException notAName) {
            return Optional.empty();
        }
    }

    private static List<WebViews.Facet> facets(RepoType type, Map<String, List<String>> selected, Map<String, List<String>> all) {
        List<WebViews.Facet> facets = new ArrayList<>();
        for (String facet : type.facets()) {
            List<String> chosen = selected.getOrDefault(facet, List.of());
            List<WebViews.FacetLabel> shown = new ArrayList<>();
            chosen.forEach(label -> shown.add(new WebViews.FacetLabel(label, true)));
            for (String label : all.getOrDefault(facet, List.of())) {
                if (shown.size() >= LABELS_PER_FACET + chosen.size()) {
                    break;
                }
                if (chosen.stream().noneMatch(label::equalsIgnoreCase)) {
                    shown.add(new WebViews.FacetLabel(label, false));
                }
            }
            if (!shown.isEmpty()) {
                facets.add(new WebViews.Facet(facet, shown, chosen.size()));
            }
        }
        return facets;
    }

    /** Cards of {@code repos} of one type (a profile's models or datasets), in their order. */
    List<WebViews.Card> cards(RepoType type, List<Repo> repos, CurrentUser user) {
        Map<String, String> taskNames = repos.isEmpty() ? Map.of() : taskNames(labels.labels(type, user));
        return repos.stream().filter(repo -> repo.repoType() == type).map(repo -> card(repo, taskNames)).toList();
    }

    private static Map<String, String> taskNames(Map<String, List<String>> labels) {
        Map<String, String> taskNames = new HashMap<>();
        labels.getOrDefault("task", List.of()).forEach(task -> taskNames.putIfAbsent(Repo.labelKey("task", task), task));
        return taskNames;
    }

    /**
     * A card. The catalogue's copy of a repository keeps its labels as lower-case keys only
     * ({@code task:fill-mask}); the task is shown as the label list spells it.
     */
    private static WebViews.Card card(Repo repo, Map<String, String> taskNames) {
        String task = repo.getLabelKeys() == null ? null : repo.getLabelKeys().stream()
                .filter(key -> key.startsWith("task:")).findFirst()
                .map(key -> taskNames.getOrDefault(key, key.substring("task:".length()))).orElse(null);
        return new WebViews.Card(repo.getName(), new RepoUrls(repo.repoType(), repo.getName()).home(), repo.getAvatar(),
                task, repo.getDownloads(), repo.getLikes(),
                Formats.day(repo.getLastModified()), repo.isPrivateRepo());
    }

    private static String url(String base, String q, SortType sort, Map<String, List<String>> facets, int page) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath(base);
        if (q != null && !q.isBlank()) {
            url.queryParam("q", q);
        }
        url.queryParam("sort", sort.id());
        facets.forEach((facet, values) -> values.forEach(v -> url.queryParam(facet, v)));
        url.queryParam("p", page);
        return url.build().encode().toUriString();
    }

    private static String first(MultiValueMap<String, String> params, String name) {
        String value = params.getFirst(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static int parsePage(String value) {
        try {
            return value == null ? 1 : Math.min(1_000_000, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
