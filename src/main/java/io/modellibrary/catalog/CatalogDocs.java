package io.modellibrary.catalog;

/** Descriptions and example responses for the OpenAPI document of the catalogue. */
final class CatalogDocs {

    private CatalogDocs() {
    }

    static final String TYPE = "model or dataset";
    static final String LIST_TYPE = "model or dataset (`/modelList` without `/api` serves models only)";

    static final String LABELS = """
            Every facet's labels: the curated taxonomy, then labels in use by repositories the caller \
            may see. Models have task, library, dataset, language, other; datasets task, size, language, \
            other. `msg` is `no login` for an anonymous caller and `success` for a signed-in one.""";

    static final String LABELS_EXAMPLE = """
            {"code":0,"msg":"no login","data":{"task":["Text Classification","Robotics"],\
            "library":["PyTorch","Timm"],"dataset":["wikipedia","conll2003"],\
            "language":["English","German"],"other":["Carbon Emissions","Eval Results"]}}""";

    static final String LIST = """
            Facet parameters take comma-separated labels; a repository matches when it carries every \
            selected label (AND across and within facets), compared without case. `name` is a \
            case-insensitive part of the name, taken literally; `+` stands for a space. Pages hold 30 \
            items; a page past the end is empty and still reports `numTotalItems`. The list key is \
            `modelList` for models and `datasetList` for datasets.""";

    static final String LIST_EXAMPLE = """
            {"code":0,"msg":"no login","data":{"modelList":[{"_id":"647de13137bf2df4147b8157",\
            "name":"dslim/bert-base-NER","author":"dslim","lastModified":"2023-05-09T16:37:00.000Z",\
            "type":"model","downloads":717311,"likes":12,"isPrivate":false}],"numTotalItems":300}}""";

    static final String DETAIL = """
            The repository's labels (`activeFilters`, every facet of its type) and details (`options`). \
            `lastModified`, `author`, `avatar` and `isPrivate` are also given directly under `data`. The name \
            is compared without case; an old name of a renamed repository still leads to it; a bare name the \
            caller cannot see as a namespace-less repository means `<caller>/<name>`. A repository that does \
            not exist, or that is private and not the caller's, answers code 0 `no such item` with `data: null`.""";

    static final String DETAIL_EXAMPLE = """
            {"code":0,"msg":"success","data":{"activeFilters":{"task":["Token Classification"],\
            "library":["PyTorch","Transformers"],"dataset":["conll2003"],"language":["English"],\
            "other":[]},"options":{"lastModified":"2023-05-09T16:37:00.000Z",\
            "lastModifiedInformation":"create dslim/bert-base-NER","name":"dslim/bert-base-NER",\
            "author":"dslim","avatar":"/images/defaultAvatar.png","downloads":717311,\
            "id":"647de13137bf2df4147b8157","type":"model","isPrivate":false,"likes":12,"description":""},\
            "lastModified":"2023-05-09T16:37:00.000Z","author":"dslim","avatar":"/images/defaultAvatar.png","isPrivate":false}}""";
}
